package dev.tusk.internal.codec;

import dev.tusk.types.PgArray;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An array type over any element codec ({@code array_send}): the number of dimensions, a has-nulls
 * flag, the element type's OID, each dimension's length and lower bound, then each element as a
 * 32-bit length (-1 for NULL) and its bytes, in row-major order.
 *
 * <p>Decodes to an unmodifiable {@link List} (nested lists for several dimensions, nulls kept);
 * when any lower bound is not 1 it decodes to a {@link PgArray} holding those lists and the
 * bounds, so that nothing is lost. Encodes Java arrays (primitive ones too), {@link
 * java.util.Collection}s, nested to any depth up to PostgreSQL's six dimensions, and PgArray.
 * Every count read from the wire is checked against the bytes that remain before anything is
 * allocated.
 */
final class ArrayCodec extends AbstractCodec implements ContainerCodec {

    /** {@code MAXDIM} of PostgreSQL's {@code utils/array.h}. */
    static final int MAX_DIMENSIONS = 6;
    private static final int HEADER = 12;

    private final Codec element;
    private final int elementOid;

    ArrayCodec(int oid, String typeName, Codec element) {
        super(oid, typeName, List.class);
        this.element = element;
        this.elementOid = element.oid();
    }

    /** The codec of the elements. */
    Codec element() {
        return element;
    }

    @Override
    public int[] componentOids() {
        return new int[] {elementOid};
    }

    @Override
    public Codec component(int index) {
        return element;
    }

    @Override
    public Codec withComponents(Codec[] components) {
        return new ArrayCodec(oid(), typeName(), components[0]);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkMinLength(typeName(), length, HEADER);
        int ndim = Bytes.getInt(buf, offset);
        int flags = Bytes.getInt(buf, offset + 4);
        if (ndim < 0 || ndim > MAX_DIMENSIONS) {
            throw new DecodeException(typeName() + " dimensions: " + ndim + " (expected: 0.." + MAX_DIMENSIONS + ")");
        }
        if (flags != 0 && flags != 1) {
            throw new DecodeException(typeName() + " flags: " + flags + " (expected: 0 or 1)");
        }
        int headerEnd = HEADER + 8 * ndim;
        if (length < headerEnd) {
            throw new DecodeException(typeName() + " value length: " + length + " (expected: >= " + headerEnd
                    + " for " + ndim + " dimensions)");
        }
        int[] dims = new int[ndim];
        int[] lowerBounds = new int[ndim];
        long count = ndim == 0 ? 0 : 1;
        boolean defaultBounds = true;
        for (int d = 0; d < ndim; d++) {
            dims[d] = Bytes.getInt(buf, offset + HEADER + 8 * d);
            lowerBounds[d] = Bytes.getInt(buf, offset + HEADER + 8 * d + 4);
            if (dims[d] < 0 || (long) lowerBounds[d] + dims[d] - 1 > Integer.MAX_VALUE) {
                throw new DecodeException(typeName() + " dimension " + d + ": length " + dims[d] + " from lower bound "
                        + lowerBounds[d] + " (expected: a length >= 0 ending at most at " + Integer.MAX_VALUE + ")");
            }
            count *= dims[d];
            // Each element takes at least its 4-byte length: a count beyond that is a lie.
            if (count > (length - headerEnd) / 4) {
                throw new DecodeException(typeName() + " element count: " + count + " or more (expected: <= "
                        + (length - headerEnd) / 4 + " for " + (length - headerEnd) + " bytes of elements)");
            }
            defaultBounds &= lowerBounds[d] == 1;
        }
        if (count == 0) {
            // An empty array has no dimensions; a dimension of length 0 means the same thing.
            if (length != headerEnd) {
                throw new DecodeException(typeName() + " has " + (length - headerEnd) + " bytes after 0 elements");
            }
            return List.of();
        }
        int[] position = {offset + headerEnd};
        int end = offset + length;
        List<Object> values = readDimension(buf, position, end, dims, 0);
        if (position[0] != end) {
            throw new DecodeException(typeName() + " has " + (end - position[0]) + " bytes after its last element");
        }
        if (defaultBounds) {
            return values;
        }
        Integer[] bounds = new Integer[ndim];
        for (int d = 0; d < ndim; d++) {
            bounds[d] = lowerBounds[d];
        }
        return new PgArray(values, Arrays.asList(bounds));
    }

    private List<Object> readDimension(byte[] buf, int[] position, int end, int[] dims, int depth) {
        Object[] values = new Object[dims[depth]];
        boolean last = depth == dims.length - 1;
        for (int i = 0; i < values.length; i++) {
            if (!last) {
                values[i] = readDimension(buf, position, end, dims, depth + 1);
                continue;
            }
            int at = position[0];
            if (end - at < 4) {
                throw new DecodeException(typeName() + " ends inside the length of an element");
            }
            int size = Bytes.getInt(buf, at);
            at += 4;
            if (size == -1) {
                position[0] = at;
                continue;
            }
            if (size < 0 || size > end - at) {
                throw new DecodeException(typeName() + " element length: " + size + " (expected: -1 to " + (end - at) + ")");
            }
            values[i] = element.decode(buf, at, size);
            position[0] = at + size;
        }
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        new ArrayWriter(typeName(), element, elementOid).write(value, out);
    }
}
