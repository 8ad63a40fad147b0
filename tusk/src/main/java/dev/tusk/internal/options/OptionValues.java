package dev.tusk.internal.options;

import dev.tusk.exceptions.InterfaceException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/** Converters from libpq keyword values to the typed settings, with libpq's reading of each. */
public final class OptionValues {

    private OptionValues() {
    }

    /**
     * {@code connect_timeout}: whole seconds; zero or less waits forever ({@link Duration#ZERO}),
     * and 1 is taken as 2, as libpq does, because a one-second timer can fire almost at once.
     */
    public static Duration connectTimeout(String value) {
        int seconds = integer(value, "connect_timeout");
        if (seconds <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(Math.max(2, seconds));
    }

    /** {@code keepalives}: an integer, non-zero meaning on. */
    public static boolean keepalives(String value) {
        return integer(value, "keepalives") != 0;
    }

    /** {@code keepalives_idle} and {@code keepalives_interval}: whole seconds, 1 to 32767 (Linux's bounds). */
    public static Function<String, Duration> keepaliveSeconds(String keyword) {
        return value -> Duration.ofSeconds(checkKeepaliveSeconds(keyword, integer(value, keyword)));
    }

    /** {@code keepalives_count}: 1 to 127 (Linux's bounds). */
    public static Integer keepalivesCount(String value) {
        return checkKeepalivesCount(integer(value, "keepalives_count"));
    }

    /** {@code tcp_user_timeout}: milliseconds, 0 (the default) for the system's. */
    public static Duration tcpUserTimeout(String value) {
        int millis = integer(value, "tcp_user_timeout");
        if (millis < 0) {
            throw new InterfaceException("invalid tcp_user_timeout " + millis + " (expected milliseconds >= 0)");
        }
        return Duration.ofMillis(millis);
    }

    /**
     * Checks a keepalive idle time or interval, in seconds.
     *
     * @throws InterfaceException naming the option when out of 1 to 32767
     */
    public static int checkKeepaliveSeconds(String option, long seconds) {
        if (seconds < 1 || seconds > 32767) {
            throw new InterfaceException("invalid " + option + " " + seconds + " (expected 1 to 32767 seconds)");
        }
        return (int) seconds;
    }

    /**
     * Checks a keepalive probe count.
     *
     * @throws InterfaceException when out of 1 to 127
     */
    public static int checkKeepalivesCount(int count) {
        if (count < 1 || count > 127) {
            throw new InterfaceException("invalid keepalives_count " + count + " (expected 1 to 127)");
        }
        return count;
    }

    /** {@code sslsni}: an integer, non-zero meaning on. */
    public static boolean sslSni(String value) {
        return integer(value, "sslsni") != 0;
    }

    /** {@code load_balance_hosts}: {@code random} or {@code disable}. */
    public static boolean loadBalanceHosts(String value) {
        if (value.equalsIgnoreCase("random")) {
            return true;
        }
        if (value.equalsIgnoreCase("disable")) {
            return false;
        }
        throw new InterfaceException("invalid load_balance_hosts \"" + value + "\" (expected disable or random)");
    }

    /** A converter to a file path for the given keyword. */
    public static Function<String, Path> path(String keyword) {
        return value -> {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new InterfaceException("invalid path \"" + value + "\" for connection option \"" + keyword
                        + "\": " + e.getReason(), e);
            }
        };
    }

    /** An integer with optional surrounding white space, as libpq's strtol-based reading allows. */
    private static int integer(String value, String keyword) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InterfaceException("invalid integer value \"" + value + "\" for connection option \""
                    + keyword + "\"", e);
        }
    }
}
