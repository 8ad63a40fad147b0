package dev.tusk;

import java.util.Objects;

/**
 * One server to try: a host name, an IP address (IPv6 without brackets), or the absolute path of
 * a directory holding a Unix-domain socket, and its port. For a socket directory the port picks
 * the socket file, {@code <dir>/.s.PGSQL.<port>}, as in libpq.
 *
 * <p>An {@code address} (libpq's {@code hostaddr}) is where to connect instead of looking the
 * host name up; the name is still what TLS checks the certificate against and what the password
 * file is searched for.
 *
 * @param host the host name, address or socket directory; never empty
 * @param port the TCP port, or the number in the socket file's name; 1 to 65535
 * @param address the numeric IP address to connect to instead of resolving {@code host}, or null
 */
public record HostAndPort(String host, int port, String address) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the host is empty, the port is outside 1..65535 or the
     *     address is not a numeric IPv4 or IPv6 address
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
        if (address != null && !isNumericAddress(address)) {
            throw new IllegalArgumentException("could not parse network address \"" + address
                    + "\" (hostaddr must be a numeric IPv4 or IPv6 address)");
        }
    }

    /** A server found by its name (or a socket directory), with no separate address. */
    public HostAndPort(String host, int port) {
        this(host, port, null);
    }

    /** Whether this names a Unix-domain socket directory rather than a TCP host (libpq: an absolute path). */
    public boolean isUnixSocket() {
        return address == null && host.startsWith("/");
    }

    /** {@code host:port}, {@code [v6:address]:port}, {@code host (address):port}, or the socket file's path. */
    @Override
    public String toString() {
        if (isUnixSocket()) {
            return host + (host.endsWith("/") ? "" : "/") + ".s.PGSQL." + port;
        }
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return (address == null || address.equals(host) ? name : name + " (" + address + ")") + ":" + port;
    }

    /** A dotted-quad IPv4 address, or an IPv6 literal (parsed by the JDK, which never looks a string with a colon up). */
    private static boolean isNumericAddress(String address) {
        if (address.indexOf(':') >= 0) {
            try {
                java.net.InetAddress.getByName(address);
                return true;
            } catch (java.net.UnknownHostException | IllegalArgumentException e) {
                return false;
            }
        }
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
