package dev.tusk.internal.options;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Looks a password up in a libpq password file ({@code ~/.pgpass} or {@code PGPASSFILE}): lines
 * of {@code hostname:port:database:username:password}, where {@code *} in one of the first four
 * fields matches anything, {@code \:} and {@code \\} stand for {@code :} and {@code \}, lines
 * starting with {@code #} are comments, and the first matching line wins. As in libpq, a file
 * that the group or others may access is ignored with a warning, and {@code localhost} matches a
 * Unix-socket connection too.
 */
public final class PgPassFile {

    private static final System.Logger LOGGER = System.getLogger(PgPassFile.class.getName());

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PgPassFile() {
    }

    /**
     * The password of the first line matching the connection, or null when the file is absent,
     * unsafe, unreadable, or has no matching line. Reads the file at each call, so edits take
     * effect at the next connection.
     *
     * @param file the password file; null means none
     * @param host the host name, or the socket directory of a Unix-socket connection (null or empty means localhost)
     */
    public static String lookup(Path file, String host, int port, String database, String user) {
        if (file == null || database == null || database.isEmpty() || user == null || user.isEmpty()) {
            return null;
        }
        if (!isSafe(file)) {
            return null;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot read password file \"" + file + "\": " + e);
            return null;
        }
        try {
            return find(new String(content, StandardCharsets.UTF_8), host, Integer.toString(port), database, user);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** The password of the first line of the text that matches, or null. */
    static String find(String text, String host, String port, String database, String user) {
        boolean socket = host == null || host.isEmpty() || host.startsWith("/");
        String[] hostNames = socket && host != null && !host.isEmpty()
                ? new String[] {host, "localhost"}
                : new String[] {socket ? "localhost" : host};
        for (String line : text.split("\n")) {
            line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            for (String hostName : hostNames) {
                int at = match(line, 0, hostName);
                at = match(line, at, port);
                at = match(line, at, database);
                at = match(line, at, user);
                if (at >= 0) {
                    return password(line, at);
                }
            }
        }
        return null;
    }

    /**
     * Matches one field starting at {@code start} against a value: {@code *} matches anything,
     * otherwise the unescaped field must equal the value. The field must end with ':'.
     *
     * @return the index after that ':', or -1 when the field does not match (or start is -1)
     */
    private static int match(String line, int start, String value) {
        if (start < 0) {
            return -1;
        }
        if (line.startsWith("*:", start)) {
            return start + 2;
        }
        int i = start;
        int matched = 0;
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (c == ':') {
                return matched == value.length() ? i : -1;
            }
            if (c == '\\' && i < line.length()) {
                c = line.charAt(i++);
            }
            if (matched == value.length() || value.charAt(matched) != c) {
                return -1;
            }
            matched++;
        }
        return -1;
    }

    /** The password field from {@code start}: up to an unescaped ':' or the end, unescaped. */
    private static String password(String line, int start) {
        StringBuilder password = new StringBuilder();
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (c == ':') {
                break;
            }
            if (c == '\\' && i < line.length()) {
                c = line.charAt(i++);
            }
            password.append(c);
        }
        return password.toString();
    }

    private static boolean isSafe(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        if (!Files.isRegularFile(file)) {
            LOGGER.log(Level.WARNING, "password file \"" + file + "\" is not a plain file; ignoring it");
            return false;
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return true; // e.g. Windows, where libpq relies on the directory's protection too
        }
        try {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                LOGGER.log(Level.WARNING, "password file \"" + file + "\" has group or world access; "
                        + "permissions should be u=rw (0600) or less; ignoring it");
                return false;
            }
            return true;
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot read the permissions of password file \"" + file + "\": " + e);
            return false;
        }
    }
}
