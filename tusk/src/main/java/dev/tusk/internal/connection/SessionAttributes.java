package dev.tusk.internal.connection;

import dev.tusk.HostAndPort;
import dev.tusk.TargetSessionAttrs;
import dev.tusk.exceptions.PostgresExceptions;
import java.util.concurrent.CompletableFuture;

/**
 * Decides whether a fresh connection has the session attributes asked for (libpq's
 * target_session_attrs): from the in_hot_standby and default_transaction_read_only settings that
 * PostgreSQL 14 and later report, by a query on older servers.
 */
final class SessionAttributes {

    private SessionAttributes() {
    }

    static CompletableFuture<PgConnection> check(PgConnection connection, TargetSessionAttrs target, HostAndPort host) {
        switch (target) {
            case ANY:
                return CompletableFuture.completedFuture(connection);
            case PRIMARY:
            case STANDBY:
                Boolean standbyWanted = target == TargetSessionAttrs.STANDBY;
                return isStandby(connection).handle((standby, failure) ->
                        accept(connection, failure, standbyWanted.equals(standby), target, host));
            case READ_WRITE:
            case READ_ONLY:
                Boolean readOnlyWanted = target == TargetSessionAttrs.READ_ONLY;
                return isReadOnly(connection).handle((readOnly, failure) ->
                        accept(connection, failure, readOnlyWanted.equals(readOnly), target, host));
            default:
                throw new IllegalStateException("prefer-standby is resolved by the host selector");
        }
    }

    /**
     * The connection if it matches; otherwise it is closed and the failure thrown, also when the
     * query that asks a server before 14 failed (the host selector then tries the next host).
     */
    private static PgConnection accept(PgConnection connection, Throwable queryFailure, boolean matches,
            TargetSessionAttrs target, HostAndPort host) {
        if (queryFailure != null) {
            connection.closeAsync();
            throw PostgresExceptions.clientSide("08001", "could not check target_session_attrs=" + target.keyword()
                    + " on " + Connector.describe(host) + ": " + Connector.unwrap(queryFailure).getMessage(),
                    Connector.unwrap(queryFailure));
        }
        if (!matches) {
            connection.closeAsync();
            throw PostgresExceptions.clientSide("08001", "server at " + Connector.describe(host)
                    + " does not match target_session_attrs=" + target.keyword(), null);
        }
        return connection;
    }

    private static CompletableFuture<Boolean> isStandby(PgConnection connection) {
        String hotStandby = connection.getSettings().get("in_hot_standby");
        if (hotStandby != null) {
            return CompletableFuture.completedFuture("on".equals(hotStandby));
        }
        return connection.<Boolean>fetchval("SELECT pg_catalog.pg_is_in_recovery()");
    }

    private static CompletableFuture<Boolean> isReadOnly(PgConnection connection) {
        String hotStandby = connection.getSettings().get("in_hot_standby");
        String readOnly = connection.getSettings().get("default_transaction_read_only");
        if (hotStandby != null && readOnly != null) {
            return CompletableFuture.completedFuture("on".equals(hotStandby) || "on".equals(readOnly));
        }
        return connection.<String>fetchval("SHOW transaction_read_only").thenApply("on"::equals);
    }
}
