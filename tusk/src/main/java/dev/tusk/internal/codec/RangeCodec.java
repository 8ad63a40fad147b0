package dev.tusk.internal.codec;

import dev.tusk.types.Range;
import io.netty.buffer.ByteBuf;

/**
 * A range type over any subtype codec ({@code range_send}): a flags byte, then the lower and the
 * upper bound, each present only when finite, as a 32-bit length and the subtype's binary value.
 * ↔ {@link Range}.
 */
final class RangeCodec extends AbstractCodec implements ContainerCodec {

    static final int EMPTY = 0x01;
    static final int LOWER_INCLUSIVE = 0x02;
    static final int UPPER_INCLUSIVE = 0x04;
    static final int LOWER_INFINITE = 0x08;
    static final int UPPER_INFINITE = 0x10;
    static final int LOWER_NULL = 0x20;
    static final int UPPER_NULL = 0x40;
    static final int CONTAIN_EMPTY = 0x80;

    private final Codec subtype;

    RangeCodec(int oid, String typeName, Codec subtype) {
        super(oid, typeName, Range.class);
        this.subtype = subtype;
    }

    @Override
    public int[] componentOids() {
        return new int[] {subtype.oid()};
    }

    @Override
    public Codec component(int index) {
        return subtype;
    }

    @Override
    public Codec withComponents(Codec[] components) {
        return new RangeCodec(oid(), typeName(), components[0]);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        if (length < 1) {
            throw new DecodeException(typeName() + " value length: 0 (expected: >= 1)");
        }
        int flags = buf[offset] & 0xFF;
        if ((flags & CONTAIN_EMPTY) != 0) {
            throw new DecodeException(typeName() + " flags: 0x" + Integer.toHexString(flags) + " (expected: no 0x80)");
        }
        if ((flags & EMPTY) != 0) {
            if (length != 1) {
                throw new DecodeException(typeName() + " empty range has " + (length - 1) + " bytes of bounds");
            }
            return Range.empty();
        }
        int end = offset + length;
        int[] position = {offset + 1};
        Object lower = (flags & (LOWER_INFINITE | LOWER_NULL)) == 0 ? readBound(buf, position, end) : null;
        Object upper = (flags & (UPPER_INFINITE | UPPER_NULL)) == 0 ? readBound(buf, position, end) : null;
        if (position[0] != end) {
            throw new DecodeException(typeName() + " has " + (end - position[0]) + " bytes after its bounds");
        }
        return Range.of(lower, (flags & LOWER_INCLUSIVE) != 0, upper, (flags & UPPER_INCLUSIVE) != 0);
    }

    private Object readBound(byte[] buf, int[] position, int end) {
        int at = position[0];
        if (end - at < 4) {
            throw new DecodeException(typeName() + " ends inside the length of a bound");
        }
        int size = Bytes.getInt(buf, at);
        if (size < 0 || size > end - at - 4) {
            throw new DecodeException(typeName() + " bound length: " + size + " (expected: 0.." + (end - at - 4) + ")");
        }
        position[0] = at + 4 + size;
        return subtype.decode(buf, at + 4, size);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (!(value instanceof Range)) {
            throw EncodeException.wrongType("Range", value);
        }
        Range<?> range = (Range<?>) value;
        if (range.isEmpty()) {
            out.writeByte(EMPTY);
            return;
        }
        int flags = (range.lowerInclusive() ? LOWER_INCLUSIVE : 0) | (range.upperInclusive() ? UPPER_INCLUSIVE : 0)
                | (range.lower() == null ? LOWER_INFINITE : 0) | (range.upper() == null ? UPPER_INFINITE : 0);
        int start = out.writerIndex();
        out.writeByte(flags);
        try {
            writeBound(range.lower(), out);
            writeBound(range.upper(), out);
        } catch (EncodeException e) {
            out.writerIndex(start);
            throw new EncodeException(typeName() + " bound: " + e.getMessage());
        }
    }

    private void writeBound(Object bound, ByteBuf out) {
        if (bound == null) {
            return;
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        subtype.encode(bound, out);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }
}
