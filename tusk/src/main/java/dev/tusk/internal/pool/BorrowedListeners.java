package dev.tusk.internal.pool;

import dev.tusk.Connection;
import dev.tusk.LogListener;
import dev.tusk.LoggedQuery;
import dev.tusk.NotificationListener;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The listeners a user added through one pooled connection, removed from the underlying
 * connection at release (as asyncpg's pool does), so the next user neither receives nor pays
 * for them. Registrations come from the one user holding the connection; access is synchronized
 * because that user may call from several threads.
 *
 * <p>Callbacks that receive a connection are registered wrapped, so that they receive the pooled
 * connection (as asyncpg's do), never the one underneath, which outlives the loan. Each
 * registration remembers the user's callback and its wrapper; removing a callback removes one
 * registration of it, as the connection's own lists do.
 */
final class BorrowedListeners {

    /** A callback as the user gave it, and what was registered on the connection in its place. */
    private record Registration<T>(String channel, T callback, T registered) { }

    private final List<Registration<NotificationListener>> notificationListeners = new ArrayList<>();
    private final List<Registration<LogListener>> logListeners = new ArrayList<>();
    private final List<Registration<Consumer<? super Connection>>> terminationListeners = new ArrayList<>();
    private final List<Registration<Consumer<? super LoggedQuery>>> queryLoggers = new ArrayList<>();

    synchronized void addNotification(String channel, NotificationListener listener, NotificationListener registered) {
        notificationListeners.add(new Registration<>(channel, listener, registered));
    }

    /** Forgets one registration of {@code listener}; returns what to remove from the connection. */
    synchronized NotificationListener removeNotification(String channel, NotificationListener listener) {
        return remove(notificationListeners, channel, listener);
    }

    synchronized void addLog(LogListener listener, LogListener registered) {
        logListeners.add(new Registration<>(null, listener, registered));
    }

    synchronized LogListener removeLog(LogListener listener) {
        return remove(logListeners, null, listener);
    }

    synchronized void addTermination(Consumer<? super Connection> listener, Consumer<? super Connection> registered) {
        terminationListeners.add(new Registration<>(null, listener, registered));
    }

    synchronized Consumer<? super Connection> removeTermination(Consumer<? super Connection> listener) {
        return remove(terminationListeners, null, listener);
    }

    synchronized void addQueryLogger(Consumer<? super LoggedQuery> logger) {
        queryLoggers.add(new Registration<>(null, logger, logger));
    }

    synchronized Consumer<? super LoggedQuery> removeQueryLogger(Consumer<? super LoggedQuery> logger) {
        return remove(queryLoggers, null, logger);
    }

    private static <T> T remove(List<Registration<T>> registrations, String channel, T callback) {
        for (Iterator<Registration<T>> it = registrations.iterator(); it.hasNext();) {
            Registration<T> registration = it.next();
            if (Objects.equals(registration.channel(), channel) && registration.callback().equals(callback)) {
                it.remove();
                return registration.registered();
            }
        }
        return callback;
    }

    /** Removes and forgets the notification and log listeners, which a reset ends. */
    synchronized void removeNotificationAndLogListenersFrom(Connection connection) {
        for (Registration<NotificationListener> registration : notificationListeners) {
            connection.removeListener(registration.channel(), registration.registered());
        }
        notificationListeners.clear();
        logListeners.forEach(registration -> connection.removeLogListener(registration.registered()));
        logListeners.clear();
    }

    /** Removes every registration from {@code connection}; UNLISTENs are queued before the reset. */
    synchronized void removeFrom(Connection connection) {
        for (Registration<NotificationListener> registration : notificationListeners) {
            connection.removeListener(registration.channel(), registration.registered());
        }
        logListeners.forEach(registration -> connection.removeLogListener(registration.registered()));
        terminationListeners.forEach(registration -> connection.removeTerminationListener(registration.registered()));
        queryLoggers.forEach(registration -> connection.removeQueryLogger(registration.registered()));
    }
}
