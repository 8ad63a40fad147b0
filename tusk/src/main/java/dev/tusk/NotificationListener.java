package dev.tusk;

/**
 * Receives NOTIFY messages on a channel the connection listens to ({@link Connection#addListener}).
 * Called on the connection's I/O thread: it must not block.
 */
@FunctionalInterface
public interface NotificationListener {

    /**
     * @param connection the connection that received the notification
     * @param processId  the server process id of the session that sent NOTIFY
     * @param channel    the channel name
     * @param payload    the payload, empty when none was given
     */
    void onNotification(Connection connection, int processId, String channel, String payload);
}
