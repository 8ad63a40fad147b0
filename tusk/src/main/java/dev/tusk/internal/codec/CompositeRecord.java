package dev.tusk.internal.codec;

import dev.tusk.Column;
import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of a composite type or an anonymous {@code record}: its attributes' names and values,
 * decoded when the composite is decoded. Two records are equal when their names and values are.
 */
public final class CompositeRecord implements Record {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class, boolean.class, Boolean.class, short.class, Short.class, float.class,
            Float.class, byte.class, Byte.class, char.class, Character.class);

    private final List<Column> columns;
    private final List<String> names;
    private final Object[] values;

    CompositeRecord(List<Column> columns, List<String> names, Object[] values) {
        this.columns = columns;
        this.names = names;
        this.values = values;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= values.length) {
            throw new InterfaceException("attribute index " + index + " is out of range: the composite has "
                    + values.length + " attributes " + names);
        }
        return values[index];
    }

    @Override
    public Object get(String name) {
        return values[indexOf(name)];
    }

    private int indexOf(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new InterfaceException("no attribute named \"" + name + "\"; the attributes are " + names);
        }
        return index;
    }

    @Override
    public <T> T get(int index, Class<T> type) {
        return convert(get(index), type, names.get(index));
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        return convert(get(name), type, name);
    }

    /** The value as {@code type}: as it is, boxed, as a String, or as another number type without loss. */
    private static <T> T convert(Object value, Class<T> type, String name) {
        Class<?> boxed = type.isPrimitive() ? primitiveBox(type) : type;
        if (value == null) {
            if (type.isPrimitive()) {
                throw new InterfaceException("attribute \"" + name + "\" is NULL and cannot be read as " + type.getName());
            }
            return null;
        }
        Object converted = boxed.isInstance(value) ? value : boxed == String.class ? value.toString() : null;
        if (converted == null && value instanceof Number && Number.class.isAssignableFrom(boxed)) {
            converted = convertNumber((Number) value, boxed);
        }
        if (converted == null) {
            throw new InterfaceException("attribute \"" + name + "\" holds a " + value.getClass().getSimpleName()
                    + " that cannot be read as " + type.getName());
        }
        @SuppressWarnings("unchecked")
        T result = (T) converted;
        return result;
    }

    private static Object convertNumber(Number number, Class<?> type) {
        try {
            BigDecimal exact = number instanceof BigDecimal ? (BigDecimal) number : new BigDecimal(number.toString());
            if (type == Long.class) {
                return exact.longValueExact();
            }
            if (type == Integer.class) {
                return exact.intValueExact();
            }
            if (type == Short.class) {
                return exact.shortValueExact();
            }
            if (type == BigDecimal.class) {
                return exact;
            }
            if (type == Double.class) {
                return number.doubleValue();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static Class<?> primitiveBox(Class<?> type) {
        return BOXES.getOrDefault(type, type);
    }

    @Override
    public boolean isNull(int index) {
        return get(index) == null;
    }

    @Override
    public boolean isNull(String name) {
        return get(name) == null;
    }

    @Override
    public int getInt(int index) {
        return get(index, int.class);
    }

    @Override
    public int getInt(String name) {
        return get(name, int.class);
    }

    @Override
    public long getLong(int index) {
        return get(index, long.class);
    }

    @Override
    public long getLong(String name) {
        return get(name, long.class);
    }

    @Override
    public double getDouble(int index) {
        return get(index, double.class);
    }

    @Override
    public double getDouble(String name) {
        return get(name, double.class);
    }

    @Override
    public boolean getBoolean(int index) {
        return get(index, boolean.class);
    }

    @Override
    public boolean getBoolean(String name) {
        return get(name, boolean.class);
    }

    @Override
    public String getString(int index) {
        return get(index, String.class);
    }

    @Override
    public String getString(String name) {
        return get(name, String.class);
    }

    @Override
    public BigDecimal getBigDecimal(int index) {
        return get(index, BigDecimal.class);
    }

    @Override
    public BigDecimal getBigDecimal(String name) {
        return get(name, BigDecimal.class);
    }

    @Override
    public List<String> keys() {
        return names;
    }

    @Override
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public List<Map.Entry<String, Object>> items() {
        List<Map.Entry<String, Object>> items = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            items.add(new AbstractMap.SimpleImmutableEntry<>(names.get(i), values[i]));
        }
        return items;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(names.get(i), values[i]);
        }
        return map;
    }

    @Override
    public <R extends java.lang.Record> R into(Class<R> recordClass) {
        if (!recordClass.isRecord()) {
            throw new InterfaceException(recordClass.getName() + " is not a record class");
        }
        RecordComponent[] components = recordClass.getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            arguments[i] = get(components[i].getName(), types[i]);
        }
        try {
            Constructor<R> constructor = recordClass.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new InterfaceException("the constructor of " + recordClass.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InterfaceException("cannot construct " + recordClass.getName(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return equal(this, other);
    }

    @Override
    public int hashCode() {
        return hash(this);
    }

    /**
     * Whether {@code other} is a {@link Record} with {@code record}'s names and equal values in the
     * same order, byte arrays compared by content: the equality of every Tusk record, whether a row
     * or a composite value.
     */
    public static boolean equal(Record record, Object other) {
        if (record == other) {
            return true;
        }
        if (!(other instanceof Record)) {
            return false;
        }
        Record that = (Record) other;
        return record.size() == that.size() && record.keys().equals(that.keys())
                && Arrays.deepEquals(record.values().toArray(), that.values().toArray());
    }

    /** The hash code that goes with {@link #equal}. */
    public static int hash(Record record) {
        return 31 * record.keys().hashCode() + Arrays.deepHashCode(record.values().toArray());
    }

    /** asyncpg's form: {@code <Record a=1 b='x'>}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("<Record");
        for (int i = 0; i < values.length; i++) {
            text.append(' ').append(names.get(i)).append('=');
            appendValue(text, values[i]);
        }
        return text.append('>').toString();
    }

    /** A value as a record's {@code toString()} shows it: text quoted, bytes by their count. */
    public static void appendValue(StringBuilder text, Object value) {
        if (value instanceof CharSequence) {
            text.append('\'').append(value).append('\'');
        } else if (value instanceof byte[]) {
            text.append("bytea[").append(((byte[]) value).length).append(']');
        } else {
            text.append(value);
        }
    }
}
