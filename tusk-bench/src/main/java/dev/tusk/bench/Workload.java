package dev.tusk.bench;

import java.util.Locale;

/**
 * The workloads of issue 8: asyncpg's published comparison (SELECT 1, pg_type, wide rows),
 * pgbench's point lookup, and the bulk ones. The SQL is the same for every driver.
 */
enum Workload {

    /** {@code SELECT 1}: one row, latency-bound. */
    SELECT1("SELECT 1", false),

    /** asyncpg's pg_type query with ({@code -1}, {@code true}): several hundred rows of 12 columns. */
    PGTYPE("SELECT typname, typnamespace, typowner, typlen, typbyval, typcategory, typispreferred,"
            + " typisdefined, typdelim, typrelid, typelem, typarray FROM pg_type"
            + " WHERE typtypmod = $1 AND typisdefined = $2", false),

    /** 1000 rows of (int4, int8, float8, text of 30 characters, timestamptz). */
    WIDE("SELECT i::int4 AS a, i::int8 * 1000 AS b, i * 1.5::float8 AS c, lpad(i::text, 30, 'x') AS d,"
            + " timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second' AS e"
            + " FROM generate_series(1, 1000) AS i", false),

    /** pgbench's {@code -S} transaction: one row by primary key, a random aid of a scale-10 table. */
    POINT("SELECT abalance FROM pgbench_accounts WHERE aid = $1", false),

    /** 1000 rows inserted with the driver's batch API into an unlogged table. */
    BATCH("INSERT INTO " + Workload.INSERT_TABLE + " (a, b, c, d, e) VALUES ($1, $2, $3, $4, $5)", false),

    /** One million rows loaded with COPY into an unlogged table (truncated before each load). */
    BULK("COPY " + Workload.COPY_TABLE + " (a, b, c, d, e) FROM STDIN", true);

    /** The unlogged table that {@link #BATCH} inserts into. */
    static final String INSERT_TABLE = "bench_insert";
    /** The unlogged table that {@link #BULK} loads. */
    static final String COPY_TABLE = "bench_copy";
    /** Rows in pgbench_accounts at scale 10. */
    static final int ACCOUNTS = 1_000_000;
    /** Columns of the {@link #PGTYPE} query. */
    static final int PGTYPE_COLUMNS = 12;
    /** Rows per {@link #BATCH} operation. */
    static final int BATCH_ROWS = 1000;
    /** Rows per {@link #BULK} operation. */
    static final int BULK_ROWS = 1_000_000;

    private final String sql;
    private final boolean oneOperationPerRound;

    Workload(String sql, boolean oneOperationPerRound) {
        this.sql = sql;
        this.oneOperationPerRound = oneOperationPerRound;
    }

    /** The statement every driver runs (for {@link #BULK}, the COPY command). */
    String sql() {
        return sql;
    }

    /** {@link #sql()} with JDBC's {@code ?} placeholders in place of {@code $1, $2, ...}. */
    String jdbcSql() {
        return sql.replaceAll("\\$[0-9]+", "?");
    }

    /**
     * Whether an operation is long enough (seconds) that a round is one operation run alone,
     * rather than as many as fit in the round's duration.
     */
    boolean oneOperationPerRound() {
        return oneOperationPerRound;
    }

    /** The name used on the command line and in the report, e.g. {@code pgtype}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The workload named {@code label} (case-insensitive). */
    static Workload byLabel(String label) {
        for (Workload workload : values()) {
            if (workload.label().equalsIgnoreCase(label)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload \"" + label + "\"; known: select1, pgtype, wide,"
                + " point, batch, bulk");
    }
}
