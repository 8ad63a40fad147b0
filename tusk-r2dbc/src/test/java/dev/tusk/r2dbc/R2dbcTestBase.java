package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the integration tests share: a fresh connection per test (closed after it), tables with
 * unique names dropped after the test, and blocking helpers bounded by {@link R2dbcTestServer#TIMEOUT}.
 */
abstract class R2dbcTestBase {

    /** The connection of the running test, opened before it and closed after it. */
    protected Connection connection;

    private final List<String> tables = new ArrayList<>();
    private final List<Connection> others = new ArrayList<>();

    @BeforeEach
    void openConnection() {
        connection = R2dbcTestServer.connect();
    }

    @AfterEach
    void closeConnectionsAndDropTables() {
        for (Connection other : others) {
            Mono.from(other.close()).block(TIMEOUT);
        }
        if (connection != null) {
            Mono.from(connection.close()).block(TIMEOUT);
        }
        if (!tables.isEmpty()) {
            Connection cleaner = R2dbcTestServer.connect();
            try {
                run(cleaner, "DROP TABLE IF EXISTS " + String.join(", ", tables));
            } finally {
                Mono.from(cleaner.close()).block(TIMEOUT);
            }
        }
    }

    /** @return a second connection to the server, closed after the test */
    protected Connection otherConnection() {
        Connection other = R2dbcTestServer.connect();
        others.add(other);
        return other;
    }

    /**
     * Creates a table with a name of its own, dropped after the test.
     *
     * @param columns the column definitions, e.g. {@code "id int PRIMARY KEY, name text"}
     * @return the table's name
     */
    protected String newTable(String columns) {
        String name = "r2dbc_" + getClass().getSimpleName().toLowerCase() + "_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        run(connection, "CREATE TABLE " + name + " (" + columns + ")");
        tables.add(name);
        return name;
    }

    /** Runs a statement without parameters on the test's connection and returns its update count (0 when none). */
    protected long run(String sql) {
        return run(connection, sql);
    }

    /** Runs a statement without parameters on {@code on} and returns its update count (0 when none). */
    protected static long run(Connection on, String sql) {
        return Flux.from(on.createStatement(sql).execute())
                .concatMap(Result::getRowsUpdated)
                .reduce(0L, Long::sum)
                .block(TIMEOUT);
    }

    /** Runs a query without parameters on the test's connection and maps its rows. */
    protected <T> List<T> query(String sql, Function<? super Readable, ? extends T> mapper) {
        return query(connection, sql, mapper);
    }

    /** Runs a query without parameters on {@code on} and maps its rows. */
    protected static <T> List<T> query(Connection on, String sql, Function<? super Readable, ? extends T> mapper) {
        Function<Readable, T> map = mapper::apply;
        return Flux.from(on.createStatement(sql).execute())
                .concatMap(result -> result.map(map))
                .collectList()
                .block(TIMEOUT);
    }

    /** @return the first column of the first row of {@code sql}, as {@code type} */
    protected <T> T value(String sql, Class<T> type) {
        return value(connection, sql, type);
    }

    /** @return the first column of the first row of {@code sql} run on {@code on}, as {@code type} */
    protected static <T> T value(Connection on, String sql, Class<T> type) {
        return Flux.from(on.createStatement(sql).execute())
                .concatMap(result -> result.map(row -> row.get(0, type)))
                .next()
                .block(TIMEOUT);
    }

    /** @return the number of rows in {@code table}, seen from {@code on} */
    protected static long count(Connection on, String table) {
        return value(on, "SELECT count(*) FROM " + table, Long.class);
    }

    /** Waits until {@code publisher} completes, throwing its error if it fails. */
    protected static void await(org.reactivestreams.Publisher<?> publisher) {
        Flux.from(publisher).then().block(TIMEOUT);
    }
}
