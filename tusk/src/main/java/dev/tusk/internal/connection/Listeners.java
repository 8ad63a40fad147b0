package dev.tusk.internal.connection;

import dev.tusk.Connection;
import dev.tusk.LogListener;
import dev.tusk.LoggedQuery;
import dev.tusk.NotificationListener;
import dev.tusk.PostgresLogMessage;
import dev.tusk.exceptions.ErrorFields;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The callbacks registered on a connection, and their dispatch. A callback that throws is
 * logged and does not stop the others.
 */
final class Listeners implements ServerEvents {

    private static final System.Logger LOG = System.getLogger("dev.tusk.listeners");

    private final Map<String, List<NotificationListener>> notifications = new ConcurrentHashMap<>();
    private final List<LogListener> logListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super Connection>> terminationListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super LoggedQuery>> queryLoggers = new CopyOnWriteArrayList<>();
    private Connection connection;

    void attach(Connection connection) {
        this.connection = connection;
    }

    /** Adds a notification listener; true when it is the channel's first (LISTEN is needed). */
    boolean addNotificationListener(String channel, NotificationListener listener) {
        boolean[] first = new boolean[1];
        notifications.compute(channel, (name, list) -> {
            List<NotificationListener> listeners = list != null ? list : new CopyOnWriteArrayList<>();
            first[0] = listeners.isEmpty();
            listeners.add(listener);
            return listeners;
        });
        return first[0];
    }

    /** Removes a notification listener; true when it was the channel's last (UNLISTEN is needed). */
    boolean removeNotificationListener(String channel, NotificationListener listener) {
        boolean[] last = new boolean[1];
        notifications.computeIfPresent(channel, (name, listeners) -> {
            if (listeners.remove(listener) && listeners.isEmpty()) {
                last[0] = true;
                return null;
            }
            return listeners;
        });
        return last[0];
    }

    /**
     * Forgets the notification and log listeners, which belong to the session a reset ends
     * (asyncpg's reset does the same); termination listeners and query loggers stay.
     */
    void clearSessionListeners() {
        notifications.clear();
        logListeners.clear();
    }

    List<LogListener> logListeners() {
        return logListeners;
    }

    List<Consumer<? super Connection>> terminationListeners() {
        return terminationListeners;
    }

    List<Consumer<? super LoggedQuery>> queryLoggers() {
        return queryLoggers;
    }

    boolean hasQueryLoggers() {
        return !queryLoggers.isEmpty();
    }

    void queryLogged(LoggedQuery query) {
        for (Consumer<? super LoggedQuery> logger : queryLoggers) {
            guard(() -> logger.accept(query), "query logger");
        }
    }

    @Override
    public void notice(ErrorFields fields) {
        if (logListeners.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, () -> connection + ": " + fields.severity() + ": " + fields.message());
            return;
        }
        PostgresLogMessage message = new PostgresLogMessage(fields);
        for (LogListener listener : logListeners) {
            guard(() -> listener.onLogMessage(connection, message), "log listener");
        }
    }

    @Override
    public void notification(int processId, String channel, String payload) {
        List<NotificationListener> listeners = notifications.get(channel);
        if (listeners == null) {
            return;
        }
        for (NotificationListener listener : listeners) {
            guard(() -> listener.onNotification(connection, processId, channel, payload), "notification listener");
        }
    }

    @Override
    public void terminated() {
        for (Consumer<? super Connection> listener : terminationListeners) {
            guard(() -> listener.accept(connection), "termination listener");
        }
        terminationListeners.clear();
    }

    private void guard(Runnable callback, String what) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a " + what + " of " + connection + " failed", e);
        }
    }
}
