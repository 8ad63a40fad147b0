package dev.tusk.internal.codec;

import dev.tusk.types.Multirange;
import dev.tusk.types.Range;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A multirange type (PostgreSQL 14+, {@code multirange_send}): a 32-bit count of ranges, then
 * each range as a 32-bit length and its range binary value. ↔ {@link Multirange}; encoding also
 * takes a {@link Collection} of {@link Range}s. The ranges go through the range type's codec, a
 * user's custom one included.
 */
final class MultirangeCodec extends AbstractCodec implements ContainerCodec {

    private final Codec range;

    MultirangeCodec(int oid, String typeName, Codec range) {
        super(oid, typeName, range instanceof RangeCodec ? Multirange.class : List.class);
        this.range = range;
    }

    @Override
    public int[] componentOids() {
        return new int[] {range.oid()};
    }

    @Override
    public Codec component(int index) {
        return range;
    }

    @Override
    public Codec withComponents(Codec[] components) {
        return new MultirangeCodec(oid(), typeName(), components[0]);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkMinLength(typeName(), length, 4);
        int count = Bytes.getInt(buf, offset);
        // Each range takes at least its 4-byte length and a flags byte.
        if (count < 0 || count > (length - 4) / 5) {
            throw new DecodeException(typeName() + " range count: " + count + " (expected: 0.." + (length - 4) / 5
                    + " for " + length + " bytes)");
        }
        List<Object> ranges = new ArrayList<>(count);
        int at = offset + 4;
        int end = offset + length;
        for (int i = 0; i < count; i++) {
            if (end - at < 4) {
                throw new DecodeException(typeName() + " ends inside the length of range " + i);
            }
            int size = Bytes.getInt(buf, at);
            if (size < 1 || size > end - at - 4) {
                throw new DecodeException(typeName() + " range " + i + " length: " + size + " (expected: 1.."
                        + (end - at - 4) + ")");
            }
            ranges.add(range.decode(buf, at + 4, size));
            at += 4 + size;
        }
        if (at != end) {
            throw new DecodeException(typeName() + " has " + (end - at) + " bytes after its last range");
        }
        return multirange(ranges);
    }

    /**
     * A {@link Multirange} of the decoded ranges; an unmodifiable list of whatever a user's custom
     * codec on the range type made of them when those are not {@link Range}s.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object multirange(List<Object> ranges) {
        for (Object item : ranges) {
            if (!(item instanceof Range)) {
                return Collections.unmodifiableList(ranges);
            }
        }
        return new Multirange<>((List) ranges);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        Collection<?> ranges;
        if (value instanceof Multirange) {
            ranges = ((Multirange<?>) value).ranges();
        } else if (value instanceof Collection) {
            ranges = (Collection<?>) value;
        } else {
            throw EncodeException.wrongType("Multirange or a Collection of Range", value);
        }
        int start = out.writerIndex();
        out.writeInt(ranges.size());
        try {
            for (Object item : ranges) {
                if (item == null) {
                    throw new EncodeException(typeName() + " cannot hold a null range");
                }
                int lengthIndex = out.writerIndex();
                out.writeInt(0);
                range.encode(item, out);
                out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
            }
        } catch (EncodeException e) {
            out.writerIndex(start);
            throw e;
        }
    }
}
