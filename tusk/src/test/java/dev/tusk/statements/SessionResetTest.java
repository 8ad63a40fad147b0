package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Tusk;
import dev.tusk.test.Db;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code Connection.reset()}, which a pool runs on every release: what it undoes, and that its
 * statements, prepared once per connection, survive what can drop them on the server.
 */
class SessionResetTest {

    private static final String RESET_STATEMENTS =
            "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'tusk\\_%\\_reset_'";

    /** Changes the session every way the reset undoes. */
    private static void dirty(Connection conn) {
        conn.execute("SET application_name = 'dirty'").join();
        conn.execute("SELECT pg_advisory_lock(4242)").join();
        conn.execute("LISTEN reset_test_channel").join();
        conn.execute("BEGIN; DECLARE held CURSOR WITH HOLD FOR SELECT 1; COMMIT").join();
    }

    private static void assertClean(Connection conn) {
        assertThat(conn.<String>fetchval("SELECT current_setting('application_name')").join()).isNotEqualTo("dirty");
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
                .join()).isZero();
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM pg_listening_channels()").join()).isZero();
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM pg_cursors WHERE name = 'held'").join()).isZero();
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void aResetUndoesTheSessionsChangesEveryTimeWithStatementsPreparedOnce() {
        try (Connection conn = Db.connect()) {
            for (int i = 0; i < 3; i++) {
                dirty(conn);
                conn.reset().join();
                assertClean(conn);
            }
            assertThat(conn.<Long>fetchval(RESET_STATEMENTS).join()).isEqualTo(4);
        }
    }

    @Test
    void resetsWrittenBackToBackAllSucceed() {
        try (Connection conn = Db.connect()) {
            dirty(conn);
            List<CompletableFuture<Void>> resets = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                resets.add(conn.reset());
            }
            CompletableFuture.allOf(resets.toArray(new CompletableFuture<?>[0])).join();
            assertClean(conn);
        }
    }

    @Test
    void aResetAfterDeallocateAllPreparesItsStatementsAgain() {
        try (Connection conn = Db.connect()) {
            conn.reset().join();
            conn.execute("DEALLOCATE ALL").join();
            dirty(conn);
            conn.reset().join();
            assertClean(conn);
            assertThat(conn.<Long>fetchval(RESET_STATEMENTS).join()).isEqualTo(4);
        }
    }

    @Test
    void aResetWhoseStatementTheServerLostIsRunAgainAndSucceeds() {
        try (Connection conn = Db.connect()) {
            conn.reset().join();
            String name = conn.<String>fetchval(
                    "SELECT name FROM pg_prepared_statements WHERE name LIKE 'tusk\\_%\\_reset_' ORDER BY name LIMIT 1").join();
            conn.execute("DEALLOCATE " + name).join();
            dirty(conn);

            conn.reset().join();

            assertClean(conn);
            assertThat(conn.<Integer>fetchval("SELECT $1::int4 + 1", 1).join()).isEqualTo(2);
        }
    }

    @Test
    void theFirstResetOfAConnectionEndsAnAbortedTransaction() {
        try (Connection conn = Db.connect()) {
            conn.execute("BEGIN").join();
            conn.execute("SET LOCAL application_name = 'dirty'").join();
            assertThat(conn.execute("SELECT 1/0").handle((status, failure) -> failure).join()).isNotNull();
            assertThat(conn.isInTransaction()).isTrue();

            conn.reset().join();

            assertClean(conn);
            conn.execute("SELECT pg_advisory_lock(4242)").join();
            conn.reset().join();
            assertClean(conn);
        }
    }

    @Test
    void withoutNamedStatementsTheResetIsOneScriptAndPreparesNothing() {
        try (Connection conn = Tusk.connect(Db.options().statementCacheSize(0).build()).join()) {
            dirty(conn);
            conn.reset().join();
            assertClean(conn);
            assertThat(conn.<Long>fetchval("SELECT count(*) FROM pg_prepared_statements").join()).isZero();
        }
    }
}
