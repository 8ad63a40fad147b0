package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.LoggedQuery;
import dev.tusk.NotificationListener;
import dev.tusk.PostgresLogMessage;
import dev.tusk.exceptions.DivisionByZeroException;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListenersTest {

    private record Notification(int pid, String channel, String payload) { }

    @Test
    void aNotifyFromAnotherConnectionReachesTheListenerWithItsPayload() throws Exception {
        try (Connection listener = Db.connect(); Connection sender = Db.connect()) {
            BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
            String channel = "Mixed Case \"channel\"";
            listener.addListener(channel, (conn, pid, ch, payload) -> received.add(new Notification(pid, ch, payload))).join();
            sender.execute("SELECT pg_notify($1, $2)", channel, "hello ✓").join();
            Notification notification = received.poll(Await.BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(notification).isEqualTo(new Notification(sender.getServerPid(), channel, "hello ✓"));
        }
    }

    @Test
    void removingTheLastListenerStopsListening() {
        try (Connection conn = Db.connect()) {
            NotificationListener first = (c, pid, ch, payload) -> { };
            NotificationListener second = (c, pid, ch, payload) -> { };
            conn.addListener("jobs", first).join();
            conn.addListener("jobs", second).join();
            conn.removeListener("jobs", first).join();
            assertThat(conn.fetch("SELECT pg_listening_channels()").join()).hasSize(1);
            conn.removeListener("jobs", second).join();
            assertThat(conn.fetch("SELECT pg_listening_channels()").join()).isEmpty();
        }
    }

    @Test
    void resetEndsTheSessionsListenersSoTheyCanBeAddedAgain() throws Exception {
        try (Connection listener = Db.connect(); Connection sender = Db.connect()) {
            List<String> before = new CopyOnWriteArrayList<>();
            List<PostgresLogMessage> notices = new CopyOnWriteArrayList<>();
            listener.addListener("reset_jobs", (conn, pid, ch, payload) -> before.add(payload)).join();
            listener.addLogListener((c, message) -> notices.add(message));
            listener.reset().join();
            assertThat(listener.fetch("SELECT pg_listening_channels()").join()).isEmpty();
            listener.execute("DO $$ BEGIN RAISE NOTICE 'after reset'; END $$").join();
            assertThat(notices).isEmpty();
            BlockingQueue<String> after = new LinkedBlockingQueue<>();
            listener.addListener("reset_jobs", (conn, pid, ch, payload) -> after.add(payload)).join();
            assertThat(listener.<String>fetchval("SELECT pg_listening_channels()::text").join()).isEqualTo("reset_jobs");
            sender.execute("SELECT pg_notify('reset_jobs', 'again')").join();
            assertThat(after.poll(Await.BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("again");
            assertThat(before).isEmpty();
        }
    }

    @Test
    void aRaiseNoticeReachesTheLogListener() {
        try (Connection conn = Db.connect()) {
            List<PostgresLogMessage> messages = new CopyOnWriteArrayList<>();
            conn.addLogListener((c, message) -> messages.add(message));
            conn.execute("DO $$ BEGIN RAISE NOTICE 'careful: %', 42 USING HINT = 'a hint'; END $$").join();
            assertThat(messages).hasSize(1);
            PostgresLogMessage notice = messages.get(0);
            assertThat(notice.getSeverity()).isEqualTo("NOTICE");
            assertThat(notice.getMessage()).isEqualTo("careful: 42");
            assertThat(notice.getHint()).isEqualTo("a hint");
            assertThat(notice.getSqlState()).isEqualTo("00000");
        }
    }

    @Test
    void theQueryLoggerSeesEachQueryWithItsArgumentsAndFailure() {
        try (Connection conn = Db.connect()) {
            List<LoggedQuery> logged = new CopyOnWriteArrayList<>();
            conn.addQueryLogger(logged::add);
            conn.fetchval("SELECT $1::int4 + 1", 1).join();
            conn.fetch("SELECT 1 / $1::int4", 0).exceptionally(e -> null).join();
            assertThat(logged).hasSize(2);
            assertThat(logged.get(0).query()).isEqualTo("SELECT $1::int4 + 1");
            assertThat(logged.get(0).args()).containsExactly(1);
            assertThat(logged.get(0).exception()).isNull();
            assertThat(logged.get(0).elapsed()).isPositive();
            assertThat(logged.get(1).exception()).isInstanceOf(DivisionByZeroException.class);
            assertThat(logged.get(1).address()).isNotNull();
        }
    }

    @Test
    void terminationListenersRunOnceWhenTheConnectionCloses() {
        Connection conn = Db.connect();
        AtomicInteger calls = new AtomicInteger();
        conn.addTerminationListener(c -> calls.incrementAndGet());
        conn.close();
        conn.terminate();
        conn.onClose().join();
        assertThat(calls).hasValue(1);
    }
}
