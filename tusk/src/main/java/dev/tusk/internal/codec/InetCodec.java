package dev.tusk.internal.codec;

import dev.tusk.types.Cidr;
import dev.tusk.types.Inet;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * {@code inet} and {@code cidr} ({@code inet_send}): family (2 for IPv4, 3 for IPv6), prefix
 * length, an is-cidr flag, the address length (4 or 16) and the address bytes.
 *
 * <p>As asyncpg does: an {@code inet} whose prefix covers the whole address decodes to a plain
 * {@link InetAddress}, any other {@code inet} to an {@link Inet} (address plus prefix), and a
 * {@code cidr} always to a {@link Cidr}. Encoding takes those three for either type; an
 * InetAddress gets the full prefix.
 */
final class InetCodec extends AbstractCodec {

    static final InetCodec INET = new InetCodec(Oids.INET, "inet");
    static final InetCodec CIDR = new InetCodec(Oids.CIDR, "cidr");

    private static final int PGSQL_AF_INET = 2;
    private static final int PGSQL_AF_INET6 = 3;

    private final boolean cidr;

    private InetCodec(int oid, String typeName) {
        super(oid, typeName, oid == Oids.CIDR ? Cidr.class : Object.class);
        this.cidr = oid == Oids.CIDR;
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        if (length != 8 && length != 20) {
            throw new DecodeException(typeName() + " value length: " + length + " (expected: 8 or 20)");
        }
        int family = buf[offset];
        int bits = buf[offset + 1] & 0xFF;
        int size = buf[offset + 3] & 0xFF;
        int expectedSize = family == PGSQL_AF_INET ? 4 : family == PGSQL_AF_INET6 ? 16 : -1;
        if (expectedSize < 0 || size != expectedSize || length != 4 + size) {
            throw new DecodeException(typeName() + " family " + family + " with " + size + " address bytes in "
                    + length + " (expected: family 2 with 4 or family 3 with 16)");
        }
        if (bits > size * 8) {
            throw new DecodeException(typeName() + " prefix length: " + bits + " (expected: <= " + size * 8 + ")");
        }
        InetAddress address;
        try {
            byte[] bytes = Arrays.copyOfRange(buf, offset + 4, offset + 4 + size);
            // Inet6Address directly: InetAddress.getByAddress would turn ::ffff:a.b.c.d into IPv4.
            address = size == 4 ? InetAddress.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new DecodeException(typeName() + " address of " + size + " bytes: " + e.getMessage());
        }
        try {
            if (cidr) {
                return new Cidr(address, bits);
            }
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
        return bits == size * 8 ? address : new Inet(address, bits);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        InetAddress address;
        int bits;
        if (value instanceof InetAddress) {
            address = (InetAddress) value;
            bits = address instanceof Inet4Address ? 32 : 128;
        } else if (value instanceof Inet) {
            address = ((Inet) value).address();
            bits = ((Inet) value).prefixLength();
        } else if (value instanceof Cidr) {
            address = ((Cidr) value).address();
            bits = ((Cidr) value).prefixLength();
        } else {
            throw EncodeException.wrongType("InetAddress, Inet or Cidr", value);
        }
        if (cidr && !(value instanceof Cidr)) {
            try {
                new Cidr(address, bits);
            } catch (IllegalArgumentException e) {
                throw new EncodeException(e.getMessage());
            }
        }
        byte[] bytes = address.getAddress();
        out.writeByte(bytes.length == 4 ? PGSQL_AF_INET : PGSQL_AF_INET6);
        out.writeByte(bits);
        out.writeByte(cidr ? 1 : 0);
        out.writeByte(bytes.length);
        out.writeBytes(bytes);
    }
}
