package dev.tusk;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * What a query logger ({@link Connection#addQueryLogger}) learns about each finished call, as
 * asyncpg's {@code LoggedQuery}.
 *
 * @param query     the SQL text
 * @param args      the arguments (empty for a script); loggers should take care not to log secrets
 * @param timeout   the call's timeout, or null
 * @param elapsed   the time from the call to its completion
 * @param exception the failure, or null when the call succeeded
 * @param address   the server's address
 */
public record LoggedQuery(String query, List<Object> args, Duration timeout, Duration elapsed, Throwable exception,
        SocketAddress address) {
}
