package dev.tusk;

/**
 * Receives the server's notices and warnings (NoticeResponse: RAISE NOTICE, WARNING, ...), as
 * asyncpg's log listeners. Called on the connection's I/O thread: it must not block.
 */
@FunctionalInterface
public interface LogListener {

    void onLogMessage(Connection connection, PostgresLogMessage message);
}
