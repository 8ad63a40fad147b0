package dev.tusk.r2dbc;

import io.r2dbc.spi.Parameter;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * One SQL statement with PostgreSQL's {@code $1, $2, ...} parameters, run through Tusk's extended
 * protocol (prepared once per connection and cached). Each binding set ({@link #add()}) gives one
 * {@link Result}; all sets are sent together, pipelined, when the publisher of
 * {@link #execute()} is requested.
 *
 * <p>Parameters are bound by index (from 0) or by name {@code "$1"} (or {@code "1"}). A value is
 * encoded for the parameter type PostgreSQL infers from the statement; the type of an
 * {@link Parameter} or of {@link #bindNull} does not override it (write a cast such as
 * {@code $1::int8} for that).
 *
 * <p>Rows stream as the server sends them ({@link dev.tusk.Connection#streamTo}): the adapter
 * reads at most {@link #fetchSize(int)} rows (256 when it is 0) ahead of the subscriber's demand,
 * and when the subscriber falls further behind Tusk stops reading the socket, so the server waits
 * and memory stays bounded however large the result. A subscriber that cancels stops the query on
 * the server outside a transaction; inside one the rest of the rows is read and dropped, as a
 * cancelled statement would abort the transaction.
 *
 * <p>With a fetch size above 0 inside a transaction (pgjdbc's convention), rows come through a
 * portal instead, that many per round trip and only as they are requested; cancelling then just
 * closes the portal.
 *
 * <p>A {@link io.r2dbc.spi.Blob} or {@link io.r2dbc.spi.Clob} value is read whole (into a
 * {@code bytea} or {@code text} value) before the statement is sent.
 *
 * <p>A text of several statements without parameters ({@code "SELECT 1; SELECT 2"}) runs as a
 * {@link io.r2dbc.spi.Batch} of them does: one after another, one Result each, each statement in
 * its own implicit transaction (unless a transaction is open), and a failure stops the statements
 * after it. (The server's simple protocol, which runs such a text in one implicit transaction,
 * sends its values as text; Tusk keeps to binary values and prepared statements.)
 */
final class TuskStatement implements Statement {

    private static final Object UNBOUND = new Object();

    private final dev.tusk.Connection connection;
    private final String sql;
    private final int parameterCount;
    /** The statements of a text of several without parameters, run one after another; else null. */
    private final List<String> compound;
    private final List<Object[]> bindings = new ArrayList<>();
    private Object[] current;
    private String returning;
    private int fetchSize;

    TuskStatement(dev.tusk.Connection connection, String sql) {
        this.connection = connection;
        this.sql = sql;
        this.parameterCount = SqlText.count(sql);
        List<String> statements = parameterCount == 0 && sql.indexOf(';') >= 0 ? SqlText.statements(sql) : null;
        this.compound = statements != null && statements.size() > 1 ? statements : null;
        this.current = unbound();
    }

    private Object[] unbound() {
        Object[] values = new Object[parameterCount];
        java.util.Arrays.fill(values, UNBOUND);
        return values;
    }

    /** Keeps the current binding set and starts a new one. */
    @Override
    public Statement add() {
        checkComplete(current, bindings.size());
        bindings.add(current);
        current = unbound();
        return this;
    }

    /** Binds {@code value} (or an {@link Parameter}'s value) to parameter {@code index + 1}. */
    @Override
    public Statement bind(int index, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null; use bindNull for NULL");
        }
        if (value instanceof Class) {
            throw new IllegalArgumentException("value is the class " + ((Class<?>) value).getName()
                    + ", not a value; to bind NULL of a type use bindNull(index, type)");
        }
        current[checkIndex(index)] = valueOf(value, index);
        return this;
    }

    /** Binds {@code value} to the parameter named {@code "$n"} or {@code "n"}. */
    @Override
    public Statement bind(String name, Object value) {
        return bind(indexOf(name), value);
    }

    /** Binds NULL to parameter {@code index + 1}. */
    @Override
    public Statement bindNull(int index, Class<?> type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        current[checkIndex(index)] = null;
        return this;
    }

    /** Binds NULL to the parameter named {@code "$n"} or {@code "n"}. */
    @Override
    public Statement bindNull(String name, Class<?> type) {
        return bindNull(indexOf(name), type);
    }

    /**
     * Appends {@code RETURNING} the given columns (or {@code *} when none are given), so that the
     * result has rows with the generated values.
     */
    @Override
    public Statement returnGeneratedValues(String... columns) {
        if (columns == null) {
            throw new IllegalArgumentException("columns must not be null");
        }
        for (String column : columns) {
            if (column == null) {
                throw new IllegalArgumentException("columns must not contain null");
            }
        }
        returning = columns.length == 0 ? "*" : String.join(", ", columns);
        return this;
    }

    /**
     * Outside a transaction, rows read ahead of the subscriber's demand (0: 256); inside one, a
     * value above 0 makes rows come through a portal, this many per round trip.
     */
    @Override
    public Statement fetchSize(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("fetchSize must not be negative, got " + rows);
        }
        fetchSize = rows;
        return this;
    }

    /**
     * One {@link Result} per binding set, in order.
     *
     * @throws IllegalStateException when a parameter of a binding set has no value
     */
    @Override
    public Publisher<? extends Result> execute() {
        List<Object[]> sets = new ArrayList<>(bindings);
        if (sets.isEmpty() || isBound(current)) {
            checkComplete(current, sets.size());
            sets.add(current);
        } else if (parameterCount > 0) {
            throw new IllegalStateException("add() after the last binding set left binding set " + sets.size()
                    + " empty: bind its parameters, or drop the last add()");
        }
        if (compound != null && returning != null) {
            throw new IllegalStateException("returnGeneratedValues applies to one statement; this text has "
                    + compound.size());
        }
        bindings.clear();
        current = unbound();
        if (compound != null) {
            List<String> statements = new ArrayList<>(compound.size() * sets.size());
            for (int i = 0; i < sets.size(); i++) {
                statements.addAll(compound);
            }
            return FuturePublisher.ofList(() -> CompletableFuture.completedFuture(TuskBatch.start(connection, statements)));
        }
        String text = returning == null ? sql : withReturning(sql, returning);
        int rows = fetchSize;
        if (Lobs.any(sets)) {
            return FuturePublisher.ofList(() -> Lobs.resolve(sets).thenApply(resolved -> start(text, resolved, rows)));
        }
        return FuturePublisher.ofList(() -> CompletableFuture.completedFuture(start(text, sets, rows)));
    }

    private List<Result> start(String text, List<Object[]> sets, int rows) {
        List<Result> results = new ArrayList<>(sets.size());
        boolean portal = rows > 0 && connection.isInTransaction();
        int prefetch = rows > 0 ? rows : StreamedSegments.DEFAULT_PREFETCH;
        for (Object[] arguments : sets) {
            results.add(new TuskResult(portal
                    ? PortalSegments.segments(connection, text, arguments, rows)
                    : new StreamedSegments(connection, text, arguments, prefetch)));
        }
        return results;
    }

    /** The statement with {@code RETURNING} appended, after any trailing semicolon and blanks. */
    static String withReturning(String sql, String columns) {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        return sql.substring(0, end) + " RETURNING " + columns;
    }

    private boolean isBound(Object[] values) {
        for (Object value : values) {
            if (value != UNBOUND) {
                return true;
            }
        }
        return false;
    }

    private void checkComplete(Object[] values, int set) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == UNBOUND) {
                throw new IllegalStateException("parameter $" + (i + 1) + " (index " + i + ") of binding set " + set
                        + " has no value; bind it or bindNull it");
            }
        }
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= parameterCount) {
            throw new IndexOutOfBoundsException("parameter index " + index + " is out of range: the statement has "
                    + parameterCount + " parameter" + (parameterCount == 1 ? "" : "s") + " ($1 to $" + parameterCount + ")");
        }
        return index;
    }

    private int indexOf(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        String digits = name.startsWith("$") ? name.substring(1) : name;
        if (!digits.isEmpty() && digits.length() <= 5 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int number = Integer.parseInt(digits);
            if (number >= 1 && number <= parameterCount) {
                return number - 1;
            }
        }
        throw new NoSuchElementException("no parameter named \"" + name + "\": the statement has " + parameterCount
                + " parameter" + (parameterCount == 1 ? "" : "s") + (parameterCount == 0 ? "" : ", $1 to $" + parameterCount));
    }

    private static Object valueOf(Object value, int index) {
        if (!(value instanceof Parameter)) {
            return value;
        }
        if (value instanceof Parameter.Out) {
            throw new IllegalArgumentException("parameter " + index + " is an OUT parameter; PostgreSQL statements "
                    + "take IN parameters only");
        }
        return ((Parameter) value).getValue();
    }

    @Override
    public String toString() {
        return "Statement[" + sql + "]";
    }
}
