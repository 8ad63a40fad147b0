package dev.tusk.internal.codec;

import dev.tusk.types.PgArray;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Array;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Writes a Java array, {@link Collection} or {@link PgArray} in {@code array_recv}'s binary form.
 * A nested Java array or collection is a further dimension, except a {@code byte[]} when the
 * elements are {@code bytea}; the nesting must be rectangular, as PostgreSQL's arrays are.
 */
final class ArrayWriter {

    private final String typeName;
    private final Codec element;
    private final int elementOid;
    private final boolean bytesAreElements;

    ArrayWriter(String typeName, Codec element, int elementOid) {
        this.typeName = typeName;
        this.element = element;
        this.elementOid = elementOid;
        this.bytesAreElements = element.javaType() == byte[].class;
    }

    void write(Object value, ByteBuf out) {
        List<?> top;
        List<Integer> lowerBounds = null;
        if (value instanceof PgArray) {
            top = ((PgArray) value).values();
            lowerBounds = ((PgArray) value).lowerBounds();
        } else {
            top = asList(value);
            if (top == null) {
                throw EncodeException.wrongType("a Java array, Collection or PgArray for " + typeName, value);
            }
        }
        List<Integer> dims = dimensions(top);
        if (lowerBounds != null && !top.isEmpty() && lowerBounds.size() != dims.size()) {
            throw new EncodeException(typeName + " value has " + dims.size() + " dimensions but "
                    + lowerBounds.size() + " lower bounds");
        }
        int start = out.writerIndex();
        out.writeInt(dims.size());
        int flagsIndex = out.writerIndex();
        out.writeInt(0);
        out.writeInt(elementOid);
        for (int d = 0; d < dims.size(); d++) {
            out.writeInt(dims.get(d));
            out.writeInt(lowerBounds == null ? 1 : lowerBounds.get(d));
        }
        try {
            if (!dims.isEmpty() && writeDimension(top, dims, 0, out)) {
                out.setInt(flagsIndex, 1);
            }
        } catch (EncodeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /** The length of each dimension, following the first element down; none for an empty array. */
    private List<Integer> dimensions(List<?> top) {
        List<Integer> dims = new ArrayList<>();
        List<?> level = top;
        while (level != null && !level.isEmpty()) {
            dims.add(level.size());
            if (dims.size() > ArrayCodec.MAX_DIMENSIONS) {
                throw new EncodeException(typeName + " value has more than " + ArrayCodec.MAX_DIMENSIONS
                        + " dimensions, PostgreSQL's limit");
            }
            level = asList(level.get(0));
        }
        if (level != null && !dims.isEmpty()) {
            // The first element of the innermost level is itself an empty container.
            throw new EncodeException(typeName + " value holds an empty nested array; PostgreSQL arrays are rectangular");
        }
        return dims;
    }

    /** Writes one level; returns whether it held a NULL element. */
    private boolean writeDimension(List<?> values, List<Integer> dims, int depth, ByteBuf out) {
        if (values.size() != dims.get(depth)) {
            throw new EncodeException(typeName + " value is not rectangular: a sub-array at depth " + depth + " has "
                    + values.size() + " elements, the first one " + dims.get(depth));
        }
        boolean last = depth == dims.size() - 1;
        boolean hasNull = false;
        for (Object item : values) {
            if (!last) {
                List<?> inner = asList(item);
                if (inner == null) {
                    throw new EncodeException(typeName + " value is not rectangular: found "
                            + EncodeException.describeJavaType(item) + " where a sub-array of depth " + (depth + 1)
                            + " was expected");
                }
                hasNull |= writeDimension(inner, dims, depth + 1, out);
            } else if (item == null) {
                out.writeInt(-1);
                hasNull = true;
            } else {
                if (asList(item) != null) {
                    throw new EncodeException(typeName + " value is not rectangular: found a sub-array at depth "
                            + (depth + 1) + " where elements were expected");
                }
                int lengthIndex = out.writerIndex();
                out.writeInt(0);
                element.encode(item, out);
                out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
            }
        }
        return hasNull;
    }

    /** {@code value} as a list when it is an array or collection that forms a dimension, else null. */
    private List<?> asList(Object value) {
        if (value instanceof List) {
            return (List<?>) value;
        }
        if (value instanceof Collection) {
            return new ArrayList<>((Collection<?>) value);
        }
        if (value instanceof Object[]) {
            return Arrays.asList((Object[]) value);
        }
        if (value == null || !value.getClass().isArray() || (bytesAreElements && value instanceof byte[])) {
            return null;
        }
        return new PrimitiveArrayList(value);
    }

    /** A read-only view of a primitive array; elements are boxed one at a time as they are encoded. */
    private static final class PrimitiveArrayList extends AbstractList<Object> {
        private final Object array;
        private final int size;

        PrimitiveArrayList(Object array) {
            this.array = array;
            this.size = Array.getLength(array);
        }

        @Override
        public Object get(int index) {
            return Array.get(array, index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
