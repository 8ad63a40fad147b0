package dev.tusk.internal.connection;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.HostAndPort;
import dev.tusk.TargetSessionAttrs;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.codec.CodecRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Tries the hosts of a connection string in order (or shuffled, with load_balance_hosts=random)
 * until one accepts and has the session attributes asked for, as libpq does. When every host
 * fails, the error names each host and why.
 */
public final class HostSelector {

    private HostSelector() {
    }

    /** Opens a connection as the options describe. */
    public static CompletableFuture<Connection> connect(ConnectOptions options) {
        return connect(options, null);
    }

    /**
     * Opens a connection that starts with the types in {@code sharedTypes} and adds to them the
     * types it looks up (the connections of one pool share one).
     */
    public static CompletableFuture<Connection> connect(ConnectOptions options, SharedTypes sharedTypes) {
        List<HostAndPort> hosts = new ArrayList<>(options.hosts());
        if (hosts.isEmpty()) {
            return CompletableFuture.failedFuture(new InterfaceException("no host to connect to"));
        }
        if (options.loadBalanceHosts()) {
            Collections.shuffle(hosts);
        }
        Connector connector = new Connector(options, CodecRegistry.builtin(), sharedTypes);
        TargetSessionAttrs target = options.targetSessionAttrs();
        if (target == TargetSessionAttrs.PREFER_STANDBY) {
            return tryHosts(connector, hosts, TargetSessionAttrs.STANDBY, 0, new ArrayList<>())
                    .exceptionallyCompose(noStandby -> tryHosts(connector, hosts, TargetSessionAttrs.ANY, 0, new ArrayList<>()));
        }
        return tryHosts(connector, hosts, target, 0, new ArrayList<>());
    }

    private static CompletableFuture<Connection> tryHosts(Connector connector, List<HostAndPort> hosts,
            TargetSessionAttrs target, int index, List<Throwable> failures) {
        if (index >= hosts.size()) {
            return CompletableFuture.failedFuture(combine(hosts, failures));
        }
        HostAndPort host = hosts.get(index);
        return connector.connect(host)
                .thenCompose(connection -> SessionAttributes.check(connection, target, host))
                .handle((connection, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture((Connection) connection);
                    }
                    failures.add(Connector.unwrap(failure));
                    return tryHosts(connector, hosts, target, index + 1, failures);
                })
                .thenCompose(next -> next);
    }

    /** One line of the combined error: the bare message, with the SQLSTATE when the server sent it. */
    private static String reason(String host, Throwable failure) {
        if (!(failure instanceof PostgresException)) {
            return String.valueOf(failure.getMessage());
        }
        PostgresException error = (PostgresException) failure;
        String message = String.valueOf(error.getServerMessage());
        if (error.isClientSide()) {
            String redundant = "could not connect to " + host + ": ";
            return message.startsWith(redundant) ? message.substring(redundant.length()) : message;
        }
        return message + " (SQLSTATE " + error.getSqlState() + ")";
    }

    private static Throwable combine(List<HostAndPort> hosts, List<Throwable> failures) {
        if (failures.size() == 1) {
            return failures.get(0);
        }
        StringBuilder message = new StringBuilder("could not connect to any of " + hosts.size() + " hosts:");
        for (int i = 0; i < failures.size(); i++) {
            String host = Connector.describe(hosts.get(i));
            message.append("\n  ").append(host).append(": ").append(reason(host, failures.get(i)));
        }
        Throwable last = failures.get(failures.size() - 1);
        PostgresException combined = PostgresExceptions.clientSide("08001", message.toString(), last);
        for (int i = 0; i < failures.size() - 1; i++) {
            combined.addSuppressed(failures.get(i));
        }
        return combined;
    }
}
