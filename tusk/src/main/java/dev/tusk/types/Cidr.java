package dev.tusk.types;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A PostgreSQL {@code cidr}: a network, given by its address and prefix length, as
 * {@code 10.1.0.0/16} (asyncpg's {@code IPv4Network}). The address has no bits set to the right
 * of the prefix, as PostgreSQL requires.
 *
 * @param address      the network address, IPv4 or IPv6
 * @param prefixLength the netmask length: 0 to 32 for IPv4, 0 to 128 for IPv6
 */
public record Cidr(InetAddress address, int prefixLength) {

    /** Checks the prefix length and that no bit is set to its right. */
    public Cidr {
        Objects.requireNonNull(address, "address");
        Inet.checkPrefix(address, prefixLength);
        byte[] bytes = address.getAddress();
        for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("cidr " + address.getHostAddress() + "/" + prefixLength
                        + " has bits set to the right of the netmask");
            }
        }
    }

    /** PostgreSQL's text form, {@code address/prefix}. */
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
