package dev.tusk.r2dbc;

import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.TransactionDefinition;
import java.time.Duration;
import java.util.Locale;

/** The SQL of transaction control: BEGIN with a definition, savepoints, session characteristics. */
final class TransactionSql {

    private TransactionSql() {
    }

    /**
     * {@code BEGIN} with the definition's isolation level and access mode, then its lock wait
     * timeout as {@code SET LOCAL lock_timeout}. The definition's name is not sent: PostgreSQL
     * transactions have no name.
     */
    static String begin(TransactionDefinition definition) {
        StringBuilder sql = new StringBuilder("BEGIN");
        if (definition != null) {
            IsolationLevel isolation = definition.getAttribute(TransactionDefinition.ISOLATION_LEVEL);
            if (isolation != null) {
                sql.append(" ISOLATION LEVEL ").append(isolationSql(isolation));
            }
            Boolean readOnly = definition.getAttribute(TransactionDefinition.READ_ONLY);
            if (readOnly != null) {
                sql.append(readOnly ? " READ ONLY" : " READ WRITE");
            }
            Duration lockWait = definition.getAttribute(TransactionDefinition.LOCK_WAIT_TIMEOUT);
            if (lockWait != null) {
                sql.append(";\nSET LOCAL lock_timeout = ").append(millis(lockWait, "lockWaitTimeout"));
            }
        }
        return sql.toString();
    }

    /** The SQL name of one of the four standard isolation levels. */
    static String isolationSql(IsolationLevel level) {
        String sql = level.asSql().toUpperCase(Locale.ROOT);
        switch (sql) {
            case "READ UNCOMMITTED":
            case "READ COMMITTED":
            case "REPEATABLE READ":
            case "SERIALIZABLE":
                return sql;
            default:
                throw new IllegalArgumentException("isolation level \"" + level.asSql()
                        + "\" is not one PostgreSQL knows (READ UNCOMMITTED, READ COMMITTED, REPEATABLE READ, SERIALIZABLE)");
        }
    }

    /** The isolation level named as {@code SHOW transaction_isolation} does, e.g. {@code read committed}. */
    static IsolationLevel isolationLevel(String shown) {
        return IsolationLevel.valueOf(shown.toUpperCase(Locale.ROOT));
    }

    /** A whole number of milliseconds, for {@code statement_timeout} and {@code lock_timeout} (0 = none). */
    static long millis(Duration timeout, String what) {
        if (timeout == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + timeout);
        }
        return timeout.toMillis();
    }

    /** A savepoint name as a quoted identifier, so any text is safe. */
    static String identifier(String name) {
        if (name == null) {
            throw new IllegalArgumentException("savepoint name must not be null");
        }
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("savepoint name must be non-empty and without NUL characters");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
