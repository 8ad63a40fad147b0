package dev.tusk.r2dbc;

import dev.tusk.Record;
import dev.tusk.exceptions.TuskException;
import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Clob;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads a column of a Tusk {@link Record} as R2DBC expects: Tusk's conversions, plus bytea as a
 * {@link ByteBuffer} or {@link Blob}, text as a {@link Clob}, and arrays (which Tusk decodes to lists) as Java arrays such as
 * {@code Integer[]} or {@code String[][]}.
 */
final class ValueReader {

    private ValueReader() {
    }

    /**
     * The value of column {@code index} as {@code type}; {@code Object.class} gives the value as
     * the column's Java type in {@code metadata}.
     */
    static <T> T read(Record record, int index, Class<T> type, TuskRowMetadata metadata) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        if (index < 0 || index >= record.size()) {
            throw new IndexOutOfBoundsException("column index " + index + " is out of range: the row has "
                    + record.size() + " columns " + record.keys());
        }
        try {
            if (type == Object.class) {
                // the common case, Row.get(i): one decode, no lookups unless the value needs converting
                Object value = record.get(index);
                return value instanceof byte[] || value instanceof List
                        ? type.cast(defaultValue(value, metadata.getColumnMetadata(index).getJavaType()))
                        : type.cast(value);
            }
            if (record.isNull(index)) {
                if (type.isPrimitive()) {
                    throw new IllegalArgumentException("column " + index + " is NULL and cannot be read as "
                            + type.getName());
                }
                return null;
            }
            if (type == ByteBuffer.class) {
                return type.cast(ByteBuffer.wrap(record.get(index, byte[].class)));
            }
            if (type == Blob.class) {
                return type.cast(Lobs.blob(record.get(index, byte[].class)));
            }
            if (type == Clob.class) {
                return type.cast(Lobs.clob(record.get(index, String.class)));
            }
            if (type.isArray() && type != byte[].class) {
                Object value = record.get(index);
                if (value instanceof List) {
                    return type.cast(toArray((List<?>) value, type.getComponentType()));
                }
            }
            return record.get(index, type);
        } catch (TuskException | ClassCastException | ArrayStoreException e) {
            throw new IllegalArgumentException("column " + index + " (\"" + record.keys().get(index)
                    + "\") cannot be read as " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private static Object defaultValue(Object value, Class<?> columnType) {
        if (value instanceof byte[]) {
            return ByteBuffer.wrap((byte[]) value);
        }
        if (value instanceof List) {
            Class<?> leaf = columnType.isArray() ? columnType.getComponentType() : Object.class;
            return toArray((List<?>) value, arrayType(leaf, depth((List<?>) value)).getComponentType());
        }
        return value;
    }

    /** The number of dimensions of nested lists, judged by their first elements. */
    private static int depth(List<?> list) {
        int depth = 1;
        Object first = list.isEmpty() ? null : list.get(0);
        while (first instanceof List) {
            depth++;
            List<?> inner = (List<?>) first;
            first = inner.isEmpty() ? null : inner.get(0);
        }
        return depth;
    }

    private static Class<?> arrayType(Class<?> leaf, int dimensions) {
        Class<?> type = leaf;
        for (int i = 0; i < dimensions; i++) {
            type = Array.newInstance(type, 0).getClass();
        }
        return type;
    }

    /** A list (of lists, for more dimensions) as an array of {@code component}. */
    private static Object toArray(List<?> list, Class<?> component) {
        Object array = Array.newInstance(component, list.size());
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            if (element instanceof List) {
                Class<?> inner = component.isArray() ? component.getComponentType() : Object.class;
                element = toArray((List<?>) element, inner);
            } else if (element instanceof byte[] && component == ByteBuffer.class) {
                element = ByteBuffer.wrap((byte[]) element);
            }
            Array.set(array, i, element);
        }
        return array;
    }
}
