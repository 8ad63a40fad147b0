package dev.tusk.types;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A PostgreSQL {@code inet} value whose netmask is shorter than the address: a host address and
 * the prefix length of its network, as {@code 192.168.0.1/24} (asyncpg's
 * {@code IPv4Interface}). An {@code inet} with a full-length prefix ({@code /32} or {@code /128})
 * is read as a plain {@link InetAddress} instead (asyncpg's {@code IPv4Address}).
 *
 * @param address      the host address, IPv4 or IPv6
 * @param prefixLength the netmask length: 0 to 32 for IPv4, 0 to 128 for IPv6
 */
public record Inet(InetAddress address, int prefixLength) {

    /** Checks the prefix length against the address family. */
    public Inet {
        Objects.requireNonNull(address, "address");
        checkPrefix(address, prefixLength);
    }

    /** The largest prefix length for the address's family: 32 or 128. */
    static int maxPrefix(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    static void checkPrefix(InetAddress address, int prefixLength) {
        int max = maxPrefix(address);
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length of " + address.getHostAddress() + ": " + prefixLength
                    + " (expected: 0.." + max + ")");
        }
    }

    /** PostgreSQL's text form, {@code address/prefix}. */
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
