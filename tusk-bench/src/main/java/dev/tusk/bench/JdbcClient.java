package dev.tusk.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * pgjdbc behind HikariCP, as applications use it: each operation borrows a connection, prepares
 * the statement (pgjdbc's per-connection cache makes it a server-prepared statement after
 * {@code prepareThreshold} uses) and returns the connection. Batch inserts use
 * {@code reWriteBatchedInserts=true}; bulk load uses {@link CopyManager} with text format.
 */
final class JdbcClient implements BlockingClient {

    private final HikariDataSource pool;
    private final Workload workload;
    /** Keeps what was read from rows reachable, so that the JIT cannot drop the reading. */
    private int sink;

    private JdbcClient(HikariDataSource pool, Workload workload) {
        this.pool = pool;
        this.workload = workload;
    }

    static JdbcClient open(Target target, Workload workload, int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.jdbcUrl("&reWriteBatchedInserts=true"));
        config.setUsername(target.user());
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(connections);
        config.setPoolName("bench");
        return new JdbcClient(new HikariDataSource(config), workload);
    }

    @Override
    public String variant() {
        switch (workload) {
            case BATCH:
                return "executeBatch, reWriteBatchedInserts";
            case BULK:
                return "CopyManager, text";
            default:
                return "";
        }
    }

    @Override
    public int call() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            switch (workload) {
                case SELECT1:
                    return query(connection, null);
                case PGTYPE:
                    return query(connection, statement -> {
                        statement.setInt(1, -1);
                        statement.setBoolean(2, true);
                    });
                case WIDE:
                    return query(connection, null);
                case POINT:
                    int aid = ThreadLocalRandom.current().nextInt(1, Workload.ACCOUNTS + 1);
                    return query(connection, statement -> statement.setInt(1, aid));
                case BATCH:
                    return insertBatch(connection);
                case BULK:
                    return copy(connection);
                default:
                    throw new IllegalStateException("workload " + workload.label() + " is not run by pgjdbc");
            }
        }
    }

    /** Sets a statement's parameters. */
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private int query(Connection connection, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(workload.jdbcSql())) {
            if (binder != null) {
                binder.bind(statement);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return workload == Workload.WIDE ? readWide(rows) : readGeneric(rows);
            }
        }
    }

    private int readGeneric(ResultSet rows) throws SQLException {
        int columns = rows.getMetaData().getColumnCount();
        int count = 0;
        int h = 0;
        while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
                Object value = rows.getObject(i);
                h += Consume.value(value);
            }
            count++;
        }
        sink += h;
        return count;
    }

    private int readWide(ResultSet rows) throws SQLException {
        int count = 0;
        int h = 0;
        while (rows.next()) {
            h += rows.getInt(1);
            h += (int) rows.getLong(2);
            h += (int) rows.getDouble(3);
            h += Consume.value(rows.getString(4));
            h += rows.getObject(5, OffsetDateTime.class).hashCode();
            count++;
        }
        sink += h;
        return count;
    }

    private int insertBatch(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(workload.jdbcSql())) {
            for (int i = 0; i < Workload.BATCH_ROWS; i++) {
                statement.setInt(1, RowValues.a(i));
                statement.setLong(2, RowValues.b(i));
                statement.setDouble(3, RowValues.c(i));
                statement.setString(4, RowValues.d(i));
                statement.setObject(5, RowValues.e(i));
                statement.addBatch();
            }
            statement.executeBatch();
        }
        return Workload.BATCH_ROWS;
    }

    private int copy(Connection connection) throws SQLException {
        try (Statement truncate = connection.createStatement()) {
            truncate.execute("TRUNCATE " + Workload.COPY_TABLE);
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try {
            return (int) copy.copyIn(workload.sql(), new CopyTextReader(Workload.BULK_ROWS));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
