package dev.tusk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server version, as asyncpg's {@code ServerVersion}: {@code 17.2} is
 * (17, 0, 2, "final", 0) in asyncpg's scheme; here major 17, minor 2. Betas and release
 * candidates ({@code 18beta1}, {@code 17rc1}) and vendor suffixes ({@code 16.4 (Debian 16.4-1)})
 * are understood.
 *
 * @param major        the major version (e.g. 17; 9 for 9.6)
 * @param minor        the minor version (for 10 and later the second number; for 9.x the third)
 * @param micro        the third number of a 9.x version, else 0
 * @param releaseLevel {@code "final"}, {@code "beta"}, {@code "rc"} or {@code "devel"}
 * @param serial       the beta or rc number, else 0
 */
public record ServerVersion(int major, int minor, int micro, String releaseLevel, int serial)
        implements Comparable<ServerVersion> {

    private static final Pattern VERSION = Pattern.compile(
            "^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:(beta|rc|devel|alpha)(\\d*))?");

    /** Parses a {@code server_version} string; unparseable text gives an IllegalArgumentException. */
    public static ServerVersion parse(String text) {
        Matcher m = VERSION.matcher(text.trim());
        if (!m.find()) {
            throw new IllegalArgumentException("not a PostgreSQL version: \"" + text + "\"");
        }
        int first = Integer.parseInt(m.group(1));
        int second = m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
        int third = m.group(3) != null ? Integer.parseInt(m.group(3)) : 0;
        String level = m.group(4) != null ? m.group(4) : "final";
        int serial = m.group(5) != null && !m.group(5).isEmpty() ? Integer.parseInt(m.group(5)) : 0;
        if (first < 10) {
            return new ServerVersion(first, second, third, level, serial);
        }
        return new ServerVersion(first, second, 0, level, serial);
    }

    /** The version as PostgreSQL's {@code server_version_num} would give it, e.g. 170002. */
    public int versionNum() {
        return major >= 10 ? major * 10000 + minor : major * 10000 + minor * 100 + micro;
    }

    /** The version as PostgreSQL writes it: {@code 17.2}, {@code 9.6.24}, {@code 18beta1}. */
    @Override
    public String toString() {
        String number = major >= 10 ? major + "." + minor : major + "." + minor + "." + micro;
        if ("final".equals(releaseLevel)) {
            return number;
        }
        return (major >= 10 && minor == 0 ? String.valueOf(major) : number) + releaseLevel + (serial > 0 ? serial : "");
    }

    @Override
    public int compareTo(ServerVersion other) {
        return Integer.compare(versionNum(), other.versionNum());
    }
}
