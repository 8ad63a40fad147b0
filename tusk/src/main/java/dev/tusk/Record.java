package dev.tusk;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One row of a query result, as asyncpg's {@code Record}: values by position (from 0) or by
 * column name, {@link #keys()}, {@link #values()}, {@link #items()}, plus typed getters and
 * mapping onto a Java {@code record} class.
 *
 * <p>Values are decoded from the row's bytes when read, so reading a column with a typed getter
 * such as {@link #getInt(int)} neither boxes nor allocates. A record is immutable and may be
 * read from any thread.
 *
 * <pre>{@code
 * Record row = conn.fetchrow("SELECT id, name FROM users WHERE id = $1", 42).join();
 * int id = row.getInt("id");
 * String name = row.getString(1);
 * User user = row.into(User.class);   // record User(int id, String name) {}
 * }</pre>
 *
 * <p>Column access by a bad index or an unknown name throws {@link dev.tusk.exceptions.InterfaceException}
 * naming the columns that exist.
 *
 * <p>Two records are {@link Object#equals equal} when they have the same column names and equal
 * values in the same order, byte arrays compared by content, as asyncpg's records compare; a row
 * of a query equals a composite value with the same attributes and values.
 */
public interface Record {

    /** The number of columns. */
    int size();

    /** The value of a column, decoded to its default Java type; null for SQL NULL. */
    Object get(int index);

    /** The value of the first column with this name; null for SQL NULL. */
    Object get(String name);

    /**
     * The value of a column converted to {@code type}: the column's own Java type, a boxed or
     * widened number, or {@code String} for any value. SQL NULL gives null.
     */
    <T> T get(int index, Class<T> type);

    /** As {@link #get(int, Class)}, by column name. */
    <T> T get(String name, Class<T> type);

    /** Whether the column holds SQL NULL. */
    boolean isNull(int index);

    /** Whether the column holds SQL NULL. */
    boolean isNull(String name);

    /** An integer column's value; throws when it is NULL or does not fit an int. */
    int getInt(int index);

    int getInt(String name);

    /** An integer column's value; throws when it is NULL. */
    long getLong(int index);

    long getLong(String name);

    /** A numeric column's value as a double; throws when it is NULL. */
    double getDouble(int index);

    double getDouble(String name);

    /** A boolean column's value; throws when it is NULL. */
    boolean getBoolean(int index);

    boolean getBoolean(String name);

    /** The value as a String: text columns as they are, other types by their Java form; null for NULL. */
    String getString(int index);

    String getString(String name);

    /** A numeric column's value as a BigDecimal; null for NULL. */
    BigDecimal getBigDecimal(int index);

    BigDecimal getBigDecimal(String name);

    /**
     * The columns in order, with their types as the server described them (for an attribute of
     * an anonymous record whose type Tusk has no codec for, the Java type is {@code Object}: its
     * value is text or bytes).
     */
    List<Column> columns();

    /** The column names in order (asyncpg's {@code keys()}). */
    List<String> keys();

    /** The values in column order (asyncpg's {@code values()}). */
    List<Object> values();

    /** (name, value) pairs in column order (asyncpg's {@code items()}). */
    List<Map.Entry<String, Object>> items();

    /** The row as an ordered map from column name to value; a later duplicate name wins. */
    Map<String, Object> toMap();

    /**
     * Maps this row onto a Java {@code record} class whose component names match column names;
     * each value is converted as by {@link #get(String, Class)}.
     *
     * @throws dev.tusk.exceptions.InterfaceException when a component has no column of its name
     *         or a value cannot be converted
     */
    <R extends java.lang.Record> R into(Class<R> recordClass);
}
