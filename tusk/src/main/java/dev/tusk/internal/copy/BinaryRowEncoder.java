package dev.tusk.internal.copy;

import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.codec.EncodeException;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes rows into PostgreSQL's binary COPY format, each value by the codec of its column's type.
 * A row is an {@code Object[]}, a {@code List<?>} or a {@link Record} (values by position), or a
 * Java {@code record} (components by column name). Not thread-safe: one encoder per COPY.
 */
final class BinaryRowEncoder {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final String[] columns;
    private final Codec[] codecs;
    private long rowNumber;
    private Class<?> recordClass;
    private Method[] accessors;

    BinaryRowEncoder(List<String> columns, Codec[] codecs) {
        this.columns = columns.toArray(new String[0]);
        this.codecs = codecs;
    }

    /** The file header: signature, flags (no OIDs), no header extension. */
    static void writeHeader(ByteBuf out) {
        out.writeBytes(SIGNATURE);
        out.writeInt(0);
        out.writeInt(0);
    }

    /** The file trailer: a field count of -1. */
    static void writeTrailer(ByteBuf out) {
        out.writeShort(-1);
    }

    /** Encodes one row; throws {@code InterfaceException} for a row of the wrong shape and a data exception for a bad value. */
    void encode(Object row, ByteBuf out) {
        rowNumber++;
        int count = columns.length;
        out.writeShort(count);
        if (row instanceof Object[]) {
            Object[] values = (Object[]) row;
            checkCount(values.length);
            for (int i = 0; i < count; i++) {
                writeValue(values[i], i, out);
            }
        } else if (row instanceof List) {
            List<?> values = (List<?>) row;
            checkCount(values.size());
            for (int i = 0; i < count; i++) {
                writeValue(values.get(i), i, out);
            }
        } else if (row instanceof Record) {
            Record values = (Record) row;
            checkCount(values.size());
            for (int i = 0; i < count; i++) {
                writeValue(values.get(i), i, out);
            }
        } else if (row instanceof java.lang.Record) {
            Method[] getters = accessorsFor(row.getClass());
            for (int i = 0; i < count; i++) {
                writeValue(component(getters[i], row, i), i, out);
            }
        } else {
            throw new InterfaceException("row " + rowNumber + " must be an Object[], a List, a Record or a Java record, got "
                    + (row == null ? "null" : row.getClass().getName()));
        }
    }

    private void writeValue(Object value, int column, ByteBuf out) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        Codec codec = codecs[column];
        try {
            codec.encode(value, out);
        } catch (EncodeException | ClassCastException e) {
            throw PostgresExceptions.clientSide("22023", "invalid input for column \"" + columns[column] + "\" ("
                    + codec.typeName() + ") in row " + rowNumber + ": " + e.getMessage(), e);
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    private void checkCount(int size) {
        if (size != columns.length) {
            throw new InterfaceException("row " + rowNumber + " has " + size + " value" + (size == 1 ? "" : "s")
                    + ", the COPY has " + columns.length + " column" + (columns.length == 1 ? "" : "s") + " "
                    + Arrays.toString(columns));
        }
    }

    /** The accessor of the component named after each column, found once per record class. */
    private Method[] accessorsFor(Class<?> type) {
        if (type == recordClass) {
            return accessors;
        }
        RecordComponent[] components = type.getRecordComponents();
        Method[] found = new Method[columns.length];
        for (int i = 0; i < columns.length; i++) {
            for (RecordComponent component : components) {
                if (component.getName().equals(columns[i])) {
                    found[i] = component.getAccessor();
                }
            }
            if (found[i] == null) {
                throw new InterfaceException("record " + type.getName() + " has no component named \"" + columns[i]
                        + "\" for that column; its components are " + componentNames(components));
            }
            try {
                found[i].setAccessible(true);
            } catch (RuntimeException e) {
                throw new InterfaceException("cannot read the components of " + type.getName()
                        + ": make it public or open its package to dev.tusk", e);
            }
        }
        recordClass = type;
        accessors = found;
        return found;
    }

    private Object component(Method getter, Object row, int column) {
        try {
            return getter.invoke(row);
        } catch (IllegalAccessException e) {
            throw new InterfaceException("cannot read " + getter + ": make the record public", e);
        } catch (InvocationTargetException e) {
            throw new InterfaceException("the accessor for column \"" + columns[column] + "\" failed in row "
                    + rowNumber, e.getCause());
        }
    }

    private static String componentNames(RecordComponent[] components) {
        String[] names = new String[components.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = components[i].getName();
        }
        return Arrays.toString(names);
    }
}
