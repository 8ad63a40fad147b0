package dev.tusk.internal.row;

import dev.tusk.Column;
import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.codec.Bytes;
import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.codec.CompositeRecord;
import dev.tusk.internal.codec.DecodeException;
import dev.tusk.internal.codec.Oids;
import dev.tusk.internal.protocol.MalformedMessageException;
import dev.tusk.internal.protocol.RowDescription;
import dev.tusk.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row kept as the bytes of its DataRow message (one copy out of the socket buffer) and decoded
 * column by column when read.
 */
public final class DataRecord implements Record {

    private final RowDescription columns;
    private final byte[] data;
    /** For each column, where its value starts in {@link #data}; its int32 length precedes it. */
    private final int[] offsets;

    private DataRecord(RowDescription columns, byte[] data, int[] offsets) {
        this.columns = columns;
        this.data = data;
        this.offsets = offsets;
    }

    /**
     * Reads a DataRow body, checking every length against the bytes that remain before copying
     * them out.
     */
    public static DataRecord read(RowDescription columns, ByteBuf body, int end) {
        return read(columns, body, end, null);
    }

    /**
     * Reads a DataRow body as {@link #read(RowDescription, ByteBuf, int)} does, sharing the column
     * offsets of {@code previous} (the row read before it in the same result, or null) when they
     * are the same: they are whenever the values before each column have the lengths they had in
     * the previous row, as in every row of fixed-width columns, or with variable-width ones last or
     * of equal length. That is one array fewer per row; an offsets array is never written once a
     * row holds it.
     */
    public static DataRecord read(RowDescription columns, ByteBuf body, int end, DataRecord previous) {
        int count = Wire.readShort(body, end) & 0xFFFF;
        if (count != columns.size()) {
            throw new MalformedMessageException("DataRow column count: " + count + " (expected: "
                    + columns.size() + ")");
        }
        int size = end - body.readerIndex();
        if ((long) count * 4 > size) {
            throw new MalformedMessageException("DataRow of " + count + " columns has only " + size + " bytes");
        }
        byte[] data = new byte[size];
        body.readBytes(data);
        boolean shared = previous != null && previous.offsets.length == count;
        int[] offsets = shared ? previous.offsets : new int[count];
        int position = 0;
        for (int i = 0; i < count; i++) {
            if (size - position < 4) {
                throw new MalformedMessageException("DataRow ends inside the length of column " + i);
            }
            int length = Bytes.getInt(data, position);
            position += 4;
            if (offsets[i] != position) {
                if (shared) {
                    offsets = Arrays.copyOf(offsets, count);
                    shared = false;
                }
                offsets[i] = position;
            }
            if (length == -1) {
                continue;
            }
            if (length < 0 || length > size - position) {
                throw new MalformedMessageException("DataRow column " + i + " length: " + length
                        + " (expected: -1 to " + (size - position) + ")");
            }
            position += length;
        }
        if (position != size) {
            throw new MalformedMessageException("DataRow has " + (size - position) + " bytes after its last column");
        }
        return new DataRecord(columns, data, offsets);
    }

    @Override
    public List<Column> columns() {
        return columns.columns();
    }

    /** The bytes of the row's values as they came from the server (what the row holds in memory, roughly). */
    public int byteSize() {
        return data.length;
    }

    @Override
    public int size() {
        return offsets.length;
    }

    /** The columns of the result this row belongs to. */
    public RowDescription description() {
        return columns;
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= offsets.length) {
            throw new InterfaceException("column index " + index + " is out of range: the row has "
                    + offsets.length + " columns " + columns.names());
        }
        return index;
    }

    private int indexOf(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new InterfaceException("no column named \"" + name + "\"; the columns are " + columns.names());
        }
        return index;
    }

    private int length(int index) {
        return Bytes.getInt(data, offsets[index] - 4);
    }

    @Override
    public boolean isNull(int index) {
        return length(checkIndex(index)) < 0;
    }

    @Override
    public boolean isNull(String name) {
        return length(indexOf(name)) < 0;
    }

    @Override
    public Object get(int index) {
        int length = length(checkIndex(index));
        if (length < 0) {
            return null;
        }
        Codec codec = columns.codec(index);
        if (codec == null) {
            return new String(data, offsets[index], length, StandardCharsets.UTF_8);
        }
        try {
            return codec.decode(data, offsets[index], length);
        } catch (DecodeException e) {
            throw ValueConversions.malformed(columns, index, e);
        }
    }

    @Override
    public Object get(String name) {
        return get(indexOf(name));
    }

    @Override
    public <T> T get(int index, Class<T> type) {
        return ValueConversions.convert(get(index), type, columns, index);
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        return get(indexOf(name), type);
    }

    @Override
    public int getInt(int index) {
        int length = notNullLength(index);
        if (columns.codec(index) != null) {
            int oid = columns.typeOid(index);
            if (oid == Oids.INT4 && length == 4) {
                return Bytes.getInt(data, offsets[index]);
            }
            if (oid == Oids.INT2 && length == 2) {
                return Bytes.getShort(data, offsets[index]);
            }
        }
        return ValueConversions.toInt(get(index), columns, index);
    }

    @Override
    public int getInt(String name) {
        return getInt(indexOf(name));
    }

    @Override
    public long getLong(int index) {
        int length = notNullLength(index);
        if (columns.codec(index) != null) {
            int oid = columns.typeOid(index);
            if (oid == Oids.INT8 && length == 8) {
                return Bytes.getLong(data, offsets[index]);
            }
            if (oid == Oids.INT4 && length == 4) {
                return Bytes.getInt(data, offsets[index]);
            }
            if (oid == Oids.OID && length == 4) {
                return Integer.toUnsignedLong(Bytes.getInt(data, offsets[index]));
            }
        }
        return ValueConversions.toLong(get(index), columns, index);
    }

    @Override
    public long getLong(String name) {
        return getLong(indexOf(name));
    }

    @Override
    public double getDouble(int index) {
        int length = notNullLength(index);
        if (columns.codec(index) != null && columns.typeOid(index) == Oids.FLOAT8 && length == 8) {
            return Double.longBitsToDouble(Bytes.getLong(data, offsets[index]));
        }
        return ValueConversions.toDouble(get(index), columns, index);
    }

    @Override
    public double getDouble(String name) {
        return getDouble(indexOf(name));
    }

    @Override
    public boolean getBoolean(int index) {
        int length = notNullLength(index);
        if (columns.codec(index) != null && columns.typeOid(index) == Oids.BOOL && length == 1) {
            return data[offsets[index]] != 0;
        }
        return ValueConversions.convert(get(index), Boolean.class, columns, index);
    }

    @Override
    public boolean getBoolean(String name) {
        return getBoolean(indexOf(name));
    }

    private int notNullLength(int index) {
        int length = length(checkIndex(index));
        if (length < 0) {
            throw new InterfaceException("column \"" + columns.name(index) + "\" is NULL; use get() or isNull() for nullable columns");
        }
        return length;
    }

    @Override
    public String getString(int index) {
        return get(index, String.class);
    }

    @Override
    public String getString(String name) {
        return getString(indexOf(name));
    }

    @Override
    public BigDecimal getBigDecimal(int index) {
        return get(index, BigDecimal.class);
    }

    @Override
    public BigDecimal getBigDecimal(String name) {
        return getBigDecimal(indexOf(name));
    }

    @Override
    public List<String> keys() {
        return columns.names();
    }

    @Override
    public List<Object> values() {
        List<Object> values = new ArrayList<>(offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            values.add(get(i));
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public List<Map.Entry<String, Object>> items() {
        List<Map.Entry<String, Object>> items = new ArrayList<>(offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            items.add(new AbstractMap.SimpleImmutableEntry<>(columns.name(i), get(i)));
        }
        return Collections.unmodifiableList(items);
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < offsets.length; i++) {
            map.put(columns.name(i), get(i));
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public <R extends java.lang.Record> R into(Class<R> recordClass) {
        return RecordMapper.map(this, recordClass);
    }

    /** Equal to any record with the same column names and equal values in the same order. */
    @Override
    public boolean equals(Object other) {
        return CompositeRecord.equal(this, other);
    }

    @Override
    public int hashCode() {
        return CompositeRecord.hash(this);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("<Record");
        for (int i = 0; i < offsets.length; i++) {
            text.append(' ').append(columns.name(i)).append('=');
            CompositeRecord.appendValue(text, get(i));
        }
        return text.append('>').toString();
    }
}
