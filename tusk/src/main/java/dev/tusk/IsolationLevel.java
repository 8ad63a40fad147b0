package dev.tusk;

/** Transaction isolation levels, as PostgreSQL names them. */
public enum IsolationLevel {
    SERIALIZABLE("SERIALIZABLE"),
    REPEATABLE_READ("REPEATABLE READ"),
    READ_COMMITTED("READ COMMITTED"),
    READ_UNCOMMITTED("READ UNCOMMITTED");

    private final String sql;

    IsolationLevel(String sql) {
        this.sql = sql;
    }

    /** The level as written in SQL, e.g. {@code REPEATABLE READ}. */
    public String sql() {
        return sql;
    }
}
