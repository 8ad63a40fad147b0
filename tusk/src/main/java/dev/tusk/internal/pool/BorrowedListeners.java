package dev.tusk.internal.pool;

import dev.tusk.Connection;
import dev.tusk.LogListener;
import dev.tusk.LoggedQuery;
import dev.tusk.NotificationListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The listeners a user added through one pooled connection, removed from the underlying
 * connection at release (as asyncpg's pool does), so the next user neither receives nor pays
 * for them. Registrations come from the one user holding the connection; access is synchronized
 * because that user may call from several threads.
 */
final class BorrowedListeners {

    private final List<Object[]> notificationListeners = new ArrayList<>();
    private final List<LogListener> logListeners = new ArrayList<>();
    private final List<Consumer<? super Connection>> terminationListeners = new ArrayList<>();
    private final List<Consumer<? super LoggedQuery>> queryLoggers = new ArrayList<>();

    synchronized void notification(String channel, NotificationListener listener, boolean added) {
        if (added) {
            notificationListeners.add(new Object[] {channel, listener});
        } else {
            notificationListeners.removeIf(pair -> pair[0].equals(channel) && pair[1] == listener);
        }
    }

    synchronized void log(LogListener listener, boolean added) {
        update(logListeners, listener, added);
    }

    synchronized void termination(Consumer<? super Connection> listener, boolean added) {
        update(terminationListeners, listener, added);
    }

    synchronized void queryLogger(Consumer<? super LoggedQuery> logger, boolean added) {
        update(queryLoggers, logger, added);
    }

    private static <T> void update(List<T> list, T item, boolean added) {
        if (added) {
            list.add(item);
        } else {
            list.remove(item);
        }
    }

    /** Removes every registration from {@code connection}; UNLISTENs are queued before the reset. */
    synchronized void removeFrom(Connection connection) {
        for (Object[] pair : notificationListeners) {
            connection.removeListener((String) pair[0], (NotificationListener) pair[1]);
        }
        logListeners.forEach(connection::removeLogListener);
        terminationListeners.forEach(connection::removeTerminationListener);
        queryLoggers.forEach(connection::removeQueryLogger);
    }
}
