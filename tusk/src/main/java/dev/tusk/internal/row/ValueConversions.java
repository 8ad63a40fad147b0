package dev.tusk.internal.row;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.OutdatedSchemaCacheException;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.codec.DecodeException;
import dev.tusk.internal.protocol.RowDescription;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Converts a decoded value to the Java type a caller asked for, exactly or not at all. */
final class ValueConversions {

    private ValueConversions() {
    }

    static <T> T convert(Object value, Class<T> type, RowDescription columns, int index) {
        if (value == null) {
            if (type.isPrimitive()) {
                throw new InterfaceException("column \"" + columns.name(index) + "\" is NULL and cannot be read as " + type.getName());
            }
            return null;
        }
        Class<?> boxed = box(type);
        if (boxed.isInstance(value)) {
            @SuppressWarnings("unchecked")
            T same = (T) value;
            return same;
        }
        Object converted = convertOrNull(value, boxed);
        if (converted == null) {
            throw cannotConvert(value, type, columns, index);
        }
        @SuppressWarnings("unchecked")
        T result = (T) converted;
        return result;
    }

    private static Object convertOrNull(Object value, Class<?> type) {
        if (type == String.class) {
            return value.toString();
        }
        if (!(value instanceof Number)) {
            return null;
        }
        Number number = (Number) value;
        try {
            if (type == Long.class) {
                return exact(number).longValueExact();
            }
            if (type == Integer.class) {
                return exact(number).intValueExact();
            }
            if (type == Short.class) {
                return exact(number).shortValueExact();
            }
            if (type == BigDecimal.class) {
                return exact(number);
            }
            if (type == BigInteger.class) {
                return exact(number).toBigIntegerExact();
            }
            if (type == Double.class) {
                return number.doubleValue();
            }
            if (type == Float.class && (value instanceof Float || value instanceof Short || value instanceof Integer)) {
                return number.floatValue();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static BigDecimal exact(Number number) {
        if (number instanceof BigDecimal) {
            return (BigDecimal) number;
        }
        if (number instanceof BigInteger) {
            return new BigDecimal((BigInteger) number);
        }
        if (number instanceof Double || number instanceof Float) {
            return new BigDecimal(number.toString());
        }
        return BigDecimal.valueOf(number.longValue());
    }

    static int toInt(Object value, RowDescription columns, int index) {
        return convert(value, Integer.class, columns, index);
    }

    static long toLong(Object value, RowDescription columns, int index) {
        return convert(value, Long.class, columns, index);
    }

    static double toDouble(Object value, RowDescription columns, int index) {
        return convert(value, Double.class, columns, index);
    }

    static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        if (type == byte.class) {
            return Byte.class;
        }
        if (type == char.class) {
            return Character.class;
        }
        return type;
    }

    private static InterfaceException cannotConvert(Object value, Class<?> type, RowDescription columns, int index) {
        return new InterfaceException("column \"" + columns.name(index) + "\" holds a "
                + value.getClass().getSimpleName() + " that cannot be read as " + type.getName()
                + (value instanceof Number ? " without loss" : ""));
    }

    /**
     * The failure to report for a value that could not be decoded: a type that changed on the
     * server since it was looked up has the connection reload its schema state, as asyncpg does,
     * and fails with {@link OutdatedSchemaCacheException}; any other is a protocol violation.
     */
    static RuntimeException malformed(RowDescription columns, int index, DecodeException cause) {
        if (cause.typeChanged()) {
            columns.typesOutdated();
            return new OutdatedSchemaCacheException("column \"" + columns.name(index) + "\": " + cause.getMessage()
                    + "; the type changed on the server since the connection looked it up. The connection has"
                    + " reloaded its schema state: run the query again", cause);
        }
        return PostgresExceptions.clientSide("08P01", "malformed value in column \"" + columns.name(index)
                + "\" (type oid " + columns.typeOid(index) + "): " + cause.getMessage(), cause);
    }
}
