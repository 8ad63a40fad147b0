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
                return isStandby(connection).thenApply(standby ->
                        accept(connection, standby == (target == TargetSessionAttrs.STANDBY), target, host));
            case READ_WRITE:
            case READ_ONLY:
                return isReadOnly(connection).thenApply(readOnly ->
                        accept(connection, readOnly == (target == TargetSessionAttrs.READ_ONLY), target, host));
            default:
                throw new IllegalStateException("prefer-standby is resolved by the host selector");
        }
    }

    private static PgConnection accept(PgConnection connection, boolean matches, TargetSessionAttrs target,
            HostAndPort host) {
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
