package dev.tusk;

import java.util.Objects;

/**
 * One server to try: a host name, an IP address (IPv6 without brackets), or the absolute path of
 * a directory holding a Unix-domain socket, and its port. For a socket directory the port picks
 * the socket file, {@code <dir>/.s.PGSQL.<port>}, as in libpq.
 *
 * @param host the host name, address or socket directory; never empty
 * @param port the TCP port, or the number in the socket file's name; 1 to 65535
 */
public record HostAndPort(String host, int port) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the host is empty or the port is outside 1..65535
     * @throws NullPointerException if the host is null
     */
    public HostAndPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
        }
    }

    /** Whether this names a Unix-domain socket directory rather than a TCP host (libpq: an absolute path). */
    public boolean isUnixSocket() {
        return host.startsWith("/");
    }

    /** {@code host:port}, {@code [v6:address]:port}, or the socket file's path. */
    @Override
    public String toString() {
        if (isUnixSocket()) {
            return host + (host.endsWith("/") ? "" : "/") + ".s.PGSQL." + port;
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
