package dev.tusk.bench;

import dev.tusk.testkit.AuthMethod;
import dev.tusk.testkit.TempCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one PostgreSQL server of a run, from the test kit, tuned for benchmarking a client (no
 * fsync, no synchronous commit, trust authentication, TLS only when asked), and its tables: pgbench's
 * {@code pgbench_accounts} at scale 10 and the unlogged tables that the batch and bulk workloads
 * write into.
 */
final class BenchServer implements AutoCloseable {

    private final TempCluster cluster;
    private final Target target;

    private BenchServer(TempCluster cluster, Tls tls) {
        this.cluster = cluster;
        this.target = new Target(cluster.host(), cluster.port(), cluster.user(), cluster.database(), tls);
    }

    /**
     * Starts the server, offering TLS (a certificate the test kit makes with {@code openssl}) when
     * {@code tls}; the tables are made by {@link #prepare()}.
     */
    static BenchServer start(Tls tls) {
        TempCluster cluster = TempCluster.builder()
                .authMethod(AuthMethod.TRUST)
                .ssl(tls.on())
                .setting("fsync", "off")
                .setting("synchronous_commit", "off")
                .setting("full_page_writes", "off")
                .setting("max_connections", "200")
                .setting("shared_buffers", "256MB")
                .setting("max_wal_size", "4GB")
                .start();
        return new BenchServer(cluster, tls);
    }

    Target target() {
        return target;
    }

    /** The postmaster's process id: the first line of {@code postmaster.pid} in the data directory. */
    long postmasterPid() {
        Path file = cluster.dataDirectory().resolve("postmaster.pid");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line = in.readLine();
            if (line == null || !line.trim().matches("[1-9][0-9]*")) {
                throw new IllegalStateException(file + " does not start with a process id: " + line);
            }
            return Long.parseLong(line.trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the postmaster's process id from " + file, e);
        }
    }

    /** The server's version, e.g. {@code 17.7}. */
    String version() {
        return cluster.version();
    }

    /** Creates and fills pgbench_accounts (1,000,000 rows, primary key on aid) and the write tables. */
    void prepare() throws SQLException {
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE pgbench_accounts (aid int4 NOT NULL, bid int4, abalance int4, filler char(84))"
                    + " WITH (fillfactor = 100)");
            sql.execute("INSERT INTO pgbench_accounts SELECT aid, (aid - 1) / 100000 + 1, 0, ''"
                    + " FROM generate_series(1, " + Workload.ACCOUNTS + ") AS aid");
            sql.execute("ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)");
            sql.execute("VACUUM ANALYZE pgbench_accounts");
            for (String table : new String[] {Workload.INSERT_TABLE, Workload.COPY_TABLE}) {
                sql.execute("CREATE UNLOGGED TABLE " + table
                        + " (a int4, b int8, c float8, d text, e timestamptz)");
            }
        }
    }

    /** Empties the write tables, so that each driver starts from the same state. */
    void truncateWriteTables() throws SQLException {
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("TRUNCATE " + Workload.INSERT_TABLE + ", " + Workload.COPY_TABLE);
            sql.execute("CHECKPOINT");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(target.jdbcUrl(""), target.user(), "");
    }

    @Override
    public void close() {
        cluster.close();
    }
}
