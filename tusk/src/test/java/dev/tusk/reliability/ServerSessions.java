package dev.tusk.reliability;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.Tusk;

/**
 * Counts the sessions the server has open for one application name, to prove that a scenario
 * left no connection behind. The counting connection uses its own application name.
 */
final class ServerSessions {

    private ServerSessions() {
    }

    /** The number of sessions with {@code applicationName} in {@code pg_stat_activity}, other than the asker. */
    static long count(ConnectOptions.Builder server, String applicationName) {
        try (Connection observer = Tusk.connect(server.applicationName("tusk-session-observer").build()).join()) {
            Long count = observer.<Long>fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
                    applicationName).join();
            return count;
        }
    }

    /** Waits (bounded) until the server has no session left with {@code applicationName}. */
    static void assertNoneLeft(ConnectOptions.Builder server, String applicationName) {
        Outcomes.eventually("the server has no session left for " + applicationName,
                () -> count(server, applicationName) == 0);
    }

    /**
     * Waits (bounded) until the server runs {@code query} in a session: a call written by Tusk may
     * still be on its way when a scenario strikes, and what the server then answers depends on
     * where it was.
     */
    static void awaitRunning(ConnectOptions.Builder server, String query) {
        try (Connection observer = Tusk.connect(server.applicationName("tusk-session-observer").build()).join()) {
            Outcomes.eventually("the server runs " + query, () -> observer.<Long>fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE query = $1 AND state = 'active'", query).join() > 0);
        }
    }
}
