package dev.tusk.r2dbc;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.exceptions.TuskTimeoutException;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns Tusk's exceptions into the R2DBC exception of their SQLSTATE class, carrying the message,
 * the SQLSTATE, error code 0 and the Tusk exception as cause. Misuse of the API detected by Tusk
 * ({@link InterfaceException}) becomes an {@link IllegalStateException}.
 */
final class ErrorTranslator {

    private ErrorTranslator() {
    }

    /**
     * The exception an R2DBC user should see for {@code failure}.
     *
     * @param sql the statement that failed, for {@link R2dbcBadGrammarException#getOffendingSql()}; may be null
     */
    static Throwable translate(Throwable failure, String sql) {
        Throwable cause = unwrap(failure);
        if (cause instanceof PostgresException) {
            PostgresException e = (PostgresException) cause;
            return forSqlState(e.getSqlState(), e.getMessage(), sql, e);
        }
        if (cause instanceof TuskTimeoutException) {
            return new R2dbcTimeoutException(cause.getMessage(), "57014", 0, cause);
        }
        if (cause instanceof InterfaceException) {
            // misuse in the connection's state: it is closed, or a cursor outside a transaction
            return new IllegalStateException(cause.getMessage(), cause);
        }
        return cause;
    }

    /** A future that fails as {@code future} does, with the failure translated. */
    static <T> CompletableFuture<T> translating(CompletableFuture<T> future, String sql) {
        return future.handle((value, failure) -> {
            if (failure != null) {
                throw new CompletionException(translate(failure, sql));
            }
            return value;
        });
    }

    /** The R2DBC exception for a SQLSTATE. */
    static R2dbcException forSqlState(String sqlState, String message, String sql, Throwable cause) {
        String state = sqlState == null ? "" : sqlState;
        if (state.equals("57014") || state.equals("55P03")) {
            // query_canceled (statement_timeout) and lock_not_available (lock_timeout)
            return new R2dbcTimeoutException(message, state, 0, cause);
        }
        if (state.equals("42501") || state.startsWith("28")) {
            return new R2dbcPermissionDeniedException(message, state, 0, cause);
        }
        if (state.startsWith("42")) {
            return new R2dbcBadGrammarException(message, state, 0, sql, cause);
        }
        if (state.startsWith("23")) {
            return new R2dbcDataIntegrityViolationException(message, state, 0, cause);
        }
        if (state.startsWith("40")) {
            return new R2dbcRollbackException(message, state, 0, cause);
        }
        if (state.startsWith("08") || state.startsWith("53") || state.equals("57P01")
                || state.equals("57P02") || state.equals("57P03")) {
            // lost connections, exhausted resources, the server shutting down or
            // starting: trying again later may succeed
            return new R2dbcTransientResourceException(message, state, 0, cause);
        }
        if (state.startsWith("54") || state.startsWith("58") || state.startsWith("XX")) {
            return new R2dbcNonTransientResourceException(message, state, 0, cause);
        }
        return new GenericR2dbcException(message, state, cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * A server error of no class R2DBC names (data exceptions, invalid transaction state, ...):
     * R2DBC's base exception is abstract.
     */
    static final class GenericR2dbcException extends R2dbcException {
        private static final long serialVersionUID = 1L;

        GenericR2dbcException(String message, String sqlState, Throwable cause) {
            super(message, sqlState, 0, cause);
        }
    }
}
