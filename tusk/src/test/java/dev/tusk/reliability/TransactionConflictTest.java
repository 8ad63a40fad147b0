package dev.tusk.reliability;

import static dev.tusk.reliability.Outcomes.failure;
import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Tusk;
import dev.tusk.exceptions.DeadlockDetectedException;
import dev.tusk.exceptions.SerializationFailureException;
import dev.tusk.exceptions.TransactionRollbackException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent transactions that the server must abort surface as their retryable exception classes. */
class TransactionConflictTest {

    private static final String APP = "tusk-reliability-conflict";

    private Connection first;
    private Connection second;

    @BeforeEach
    void connect() {
        first = value(Tusk.connect(SharedServer.direct().applicationName(APP).build()));
        second = value(Tusk.connect(SharedServer.direct().applicationName(APP).build()));
    }

    @AfterEach
    void closeAndCheckForLeftovers() {
        first.close();
        second.close();
        ServerSessions.assertNoneLeft(SharedServer.direct(), APP);
    }

    @Test
    void concurrentUpdateUnderRepeatableReadFailsWithSerializationFailure() {
        value(first.execute("DROP TABLE IF EXISTS conflict_serial; CREATE TABLE conflict_serial (id int PRIMARY KEY, v int);"
                + " INSERT INTO conflict_serial VALUES (1, 0)"));
        value(first.execute("BEGIN ISOLATION LEVEL REPEATABLE READ"));
        value(first.fetchval("SELECT v FROM conflict_serial WHERE id = $1", 1));
        value(second.execute("UPDATE conflict_serial SET v = v + 1 WHERE id = $1", 1));

        Throwable failure = failure(first.execute("UPDATE conflict_serial SET v = v + 1 WHERE id = $1", 1));

        assertThat(failure).isInstanceOf(SerializationFailureException.class).isInstanceOf(TransactionRollbackException.class);
        assertThat(((SerializationFailureException) failure).getSqlState()).isEqualTo("40001");
        value(first.execute("ROLLBACK"));
        assertThat(value(first.<Integer>fetchval("SELECT v FROM conflict_serial WHERE id = $1", 1))).isEqualTo(1);
        value(first.execute("DROP TABLE conflict_serial"));
    }

    @Test
    void lockCycleFailsOneTransactionWithDeadlockDetected() {
        value(first.execute("DROP TABLE IF EXISTS conflict_deadlock; CREATE TABLE conflict_deadlock (id int PRIMARY KEY, v int);"
                + " INSERT INTO conflict_deadlock VALUES (1, 0), (2, 0)"));
        for (Connection conn : new Connection[] {first, second}) {
            value(conn.execute("SET deadlock_timeout = '50ms'"));
            value(conn.execute("BEGIN"));
        }
        value(first.execute("UPDATE conflict_deadlock SET v = 1 WHERE id = $1", 1));
        value(second.execute("UPDATE conflict_deadlock SET v = 2 WHERE id = $1", 2));

        CompletableFuture<String> firstWaits = first.execute("UPDATE conflict_deadlock SET v = 1 WHERE id = $1", 2);
        CompletableFuture<String> secondWaits = second.execute("UPDATE conflict_deadlock SET v = 2 WHERE id = $1", 1);
        Outcomes.settled(firstWaits);
        Outcomes.settled(secondWaits);

        assertThat(firstWaits.isCompletedExceptionally() ^ secondWaits.isCompletedExceptionally())
                .as("exactly one of the two transactions is chosen as the deadlock victim").isTrue();
        CompletableFuture<String> victim = firstWaits.isCompletedExceptionally() ? firstWaits : secondWaits;
        Throwable failure = failure(victim);
        assertThat(failure).isInstanceOf(DeadlockDetectedException.class).isInstanceOf(TransactionRollbackException.class);
        assertThat(((DeadlockDetectedException) failure).getSqlState()).isEqualTo("40P01");
        value(first.execute("ROLLBACK"));
        value(second.execute("ROLLBACK"));
        value(first.execute("DROP TABLE conflict_deadlock"));
    }
}
