package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.exceptions.QueryCanceledException;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cancel request is a signal the server acts on at its next interruption check; when the call
 * it was aimed at finishes first, it can cancel the call pipelined behind it instead. Such a call
 * is run again, outside a transaction, since the server rolled it back and its caller never asked
 * for it to stop.
 *
 * <p>This happens for real: the postmaster signals a backend twice for one cancel request (the
 * process, then its process group), and the second signal can land after the first has ended the
 * statement, on the statement pipelined behind it. When it does not, {@code pg_cancel_backend}
 * from another session plays the stray signal while the call behind the cancelled one runs.
 * The call sleeps only on its first run (a sequence counts the runs; sequences are not rolled
 * back), so a second run is seen and returns at once.
 */
class StrayCancelTest {

    private static final String SLEEPER = "SELECT pg_sleep(60)";

    private Connection conn;
    private Connection observer;
    private String sequence;

    @BeforeEach
    void setUp() {
        conn = Db.connect();
        observer = Db.connect();
        sequence = "stray_cancel_" + System.nanoTime();
        observer.execute("CREATE SEQUENCE " + sequence).join();
    }

    @AfterEach
    void tearDown() {
        observer.execute("DROP SEQUENCE " + sequence).join();
        observer.close();
        conn.close();
    }

    /** Sleeps on its first run only, then returns 42. */
    private String slowOnce() {
        return "SELECT 42 FROM (SELECT CASE WHEN nextval('" + sequence + "') = 1 THEN pg_sleep(60) END) s";
    }

    private long runs() {
        return observer.<Long>fetchval("SELECT last_value FROM " + sequence).join();
    }

    private boolean sleeping(String sql) {
        return observer.<Long>fetchval("SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active' "
                + "AND query = $2 AND wait_event = 'PgSleep'", conn.getServerPid(), sql).join() == 1;
    }

    private void awaitRunning(String sql) {
        Await.until("\"" + sql + "\" to run on the server", () -> sleeping(sql));
    }

    private void cancelFromAnotherSession() {
        assertThat(observer.<Boolean>fetchval("SELECT pg_cancel_backend($1)", conn.getServerPid()).join()).isTrue();
    }

    /**
     * Cancels the running call {@code cancelled}; unless its cancel request already hit {@code
     * behind}, the call pipelined behind it, cancels that from another session as it runs.
     */
    private void hitTheCallBehindACancelledOne(CompletableFuture<?> behind, String behindSql,
            CompletableFuture<?> cancelled) {
        awaitRunning(SLEEPER);
        cancelled.cancel(true);
        Await.until("the call behind the cancelled one to run or end", () -> behind.isDone() || sleeping(behindSql));
        if (!behind.isDone()) {
            cancelFromAnotherSession();
        }
    }

    @Test
    void aQueryHitByAnEarlierCallsCancelRunsAgain() {
        CompletableFuture<Object> first = conn.fetchval(SLEEPER);
        CompletableFuture<Integer> behind = conn.fetchval(slowOnce());

        hitTheCallBehindACancelledOne(behind, slowOnce(), first);

        assertThat(Await.value(behind)).isEqualTo(42);
        assertThat(first).isCancelled();
        assertThat(runs()).isEqualTo(2);
        assertThat(Await.value(conn.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
    }

    @Test
    void aSingleStatementScriptHitByAnEarlierCallsCancelRunsAgain() {
        CompletableFuture<Object> first = conn.fetchval(SLEEPER);
        CompletableFuture<String> behind = conn.execute(slowOnce());

        hitTheCallBehindACancelledOne(behind, slowOnce(), first);

        assertThat(Await.value(behind)).isEqualTo("SELECT 1");
        assertThat(runs()).isEqualTo(2);
    }

    @Test
    void aScriptOfSeveralStatementsIsNotRunAgain() {
        String script = slowOnce() + "; SELECT 1";
        CompletableFuture<Object> first = conn.fetchval(SLEEPER);
        CompletableFuture<String> behind = conn.execute(script);

        hitTheCallBehindACancelledOne(behind, script, first);

        assertThat(Await.failure(behind)).isInstanceOf(QueryCanceledException.class);
        assertThat(runs()).isEqualTo(1);
    }

    @Test
    void aCancelWithNoEarlierCancelRequestFailsTheCall() {
        CompletableFuture<Integer> call = conn.fetchval(slowOnce());
        awaitRunning(slowOnce());
        cancelFromAnotherSession();

        assertThat(Await.failure(call)).isInstanceOf(QueryCanceledException.class);
        assertThat(runs()).isEqualTo(1);
    }

    @Test
    void inATransactionTheCallFailsAndTheTransactionWithIt() {
        CompletableFuture<Object> first = conn.fetchval(SLEEPER);
        CompletableFuture<String> begin = conn.execute("BEGIN");
        CompletableFuture<Integer> behind = conn.fetchval(slowOnce());

        hitTheCallBehindACancelledOne(behind, slowOnce(), first);

        assertThat(Await.value(begin)).isEqualTo("BEGIN");
        assertThat(Await.failure(behind)).isInstanceOf(QueryCanceledException.class);
        assertThat(runs()).isEqualTo(1);
        assertThat(conn.isInTransaction()).isTrue();
        Await.value(conn.execute("ROLLBACK"));
        assertThat(Await.value(conn.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
    }
}
