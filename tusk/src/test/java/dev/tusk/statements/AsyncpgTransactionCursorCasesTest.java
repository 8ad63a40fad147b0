package dev.tusk.statements;

import static dev.tusk.test.Await.failure;
import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.Cursor;
import dev.tusk.IsolationLevel;
import dev.tusk.Record;
import dev.tusk.Transaction;
import dev.tusk.exceptions.DivisionByZeroException;
import dev.tusk.exceptions.InFailedSqlTransactionException;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.exceptions.UndefinedTableException;
import dev.tusk.test.Db;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Edge cases of asyncpg's tests/test_transaction.py and tests/test_cursor.py not covered elsewhere. */
class AsyncpgTransactionCursorCasesTest {

    private Connection conn;

    @BeforeEach
    void connect() {
        conn = Db.connect();
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private List<Integer> ints(List<Record> rows) {
        return rows.stream().map(row -> row.getInt(0)).toList();
    }

    // ---- transactions

    // test_transaction_regular
    @Test
    void aFailureInsideRunUndoesEverythingAndTheNextTransactionIsTopLevel() {
        Throwable failed = failure(conn.transaction().run(c -> c.execute("CREATE TABLE asyncpg_tx_mytab (a int)")
                .thenCompose(created -> c.execute("SELECT 1 / 0"))));

        assertThat(failed).isInstanceOf(DivisionByZeroException.class);
        assertThat(conn.isInTransaction()).isFalse();
        assertThat(failure(conn.execute("SELECT * FROM asyncpg_tx_mytab"))).isInstanceOf(UndefinedTableException.class);
        Transaction next = conn.transaction();
        value(next.start());
        assertThat(next.isNested()).isFalse();
        value(next.rollback());
    }

    @Test
    void afterAStatementFailsInATransactionOnlyRollbackIsAcceptedAndItRestoresTheConnection() {
        Transaction tx = conn.transaction();
        value(tx.start());
        assertThat(failure(conn.execute("SELECT 1 / 0"))).isInstanceOf(DivisionByZeroException.class);
        assertThat(conn.isInTransaction()).isTrue();
        assertThat(failure(conn.fetchval("SELECT 1"))).isInstanceOf(InFailedSqlTransactionException.class);
        assertThat(tx.isActive()).isTrue();

        value(tx.rollback());

        assertThat(conn.isInTransaction()).isFalse();
        assertThat(value(conn.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
    }

    @Test
    void aCommitRejectedByTheServerEndsTheTransactionAndTheNextOneIsTopLevel() {
        value(conn.execute("CREATE TEMP TABLE asyncpg_tx_deferred (id int UNIQUE DEFERRABLE INITIALLY DEFERRED)"));
        Transaction tx = conn.transaction();
        value(tx.start());
        value(conn.execute("INSERT INTO asyncpg_tx_deferred VALUES (1), (1)"));

        assertThat(failure(tx.commit())).isInstanceOf(PostgresException.class).hasMessageContaining("duplicate key");

        assertThat(tx.isActive()).isFalse();
        assertThat(conn.isInTransaction()).isFalse();
        assertThat(value(conn.<Long>fetchval("SELECT count(*) FROM asyncpg_tx_deferred"))).isZero();
        Transaction next = conn.transaction();
        value(next.start());
        assertThat(next.isNested()).isFalse();
        value(next.commit());
    }

    @Test
    void aFailureInsideANestedRunRollsBackToTheSavepointAndTheOuterTransactionGoesOn() {
        value(conn.execute("CREATE TEMP TABLE asyncpg_tx_nested (id int)"));
        Transaction outer = conn.transaction();
        value(outer.start());
        value(conn.execute("INSERT INTO asyncpg_tx_nested VALUES (1)"));

        Throwable failed = failure(conn.transaction().run(c -> c.execute("INSERT INTO asyncpg_tx_nested VALUES (2)")
                .thenCompose(inserted -> c.execute("SELECT 1 / 0"))));

        assertThat(failed).isInstanceOf(DivisionByZeroException.class);
        assertThat(outer.isActive()).isTrue();
        value(conn.execute("INSERT INTO asyncpg_tx_nested VALUES (3)"));
        value(outer.commit());
        assertThat(ints(value(conn.fetch("SELECT id FROM asyncpg_tx_nested ORDER BY id")))).containsExactly(1, 3);
    }

    // test_transaction_interface_errors
    @Test
    void aTransactionStartedTwiceIsRolledBackOnCloseAndCannotBeStartedAgain() {
        Transaction tx = conn.transaction(IsolationLevel.SERIALIZABLE, true, false);
        try (Transaction closing = tx) {
            value(closing.start());
            assertThat(failure(closing.start())).isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("already started");
        }
        assertThat(tx.isActive()).isFalse();
        assertThat(conn.isInTransaction()).isFalse();
        assertThat(tx.toString()).contains("rolled back", "SERIALIZABLE", "read only");
        assertThat(failure(tx.start())).isInstanceOf(InterfaceException.class).hasMessageContaining("rolled back");
        assertThat(conn.isInTransaction()).isFalse();
    }

    // test_transaction_within_manual_transaction
    @Test
    void resetRollsBackATransactionStartedByHand() {
        value(conn.execute("BEGIN"));
        assertThat(failure(conn.transaction().start())).isInstanceOf(InterfaceException.class);

        value(conn.reset());

        assertThat(conn.isInTransaction()).isFalse();
        Transaction next = conn.transaction();
        value(next.start());
        assertThat(next.isNested()).isFalse();
        value(next.rollback());
    }

    // test_isolation_level
    @Test
    void withoutAnIsolationLevelTheSessionDefaultAppliesAndAnExplicitOneOverridesIt() {
        value(conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
        String inDefault = value(conn.inTransaction(c -> c.<String>fetchval("SHOW transaction_isolation")));
        assertThat(inDefault).isEqualTo("repeatable read");
        for (IsolationLevel level : IsolationLevel.values()) {
            try (Transaction tx = conn.transaction(level, false, false)) {
                value(tx.start());
                assertThat(value(conn.<String>fetchval("SHOW transaction_isolation"))).isEqualTo(level.sql().toLowerCase());
                value(tx.commit());
            }
        }
    }

    // test_nested_isolation_level
    @Test
    void aNestedTransactionMayRepeatTheOuterIsolationLevel() {
        try (Transaction outer = conn.transaction(IsolationLevel.REPEATABLE_READ, false, false)) {
            value(outer.start());
            Transaction same = conn.transaction(IsolationLevel.REPEATABLE_READ, false, false);
            value(same.start());
            assertThat(same.isNested()).isTrue();
            value(same.commit());
            Transaction other = conn.transaction(IsolationLevel.SERIALIZABLE, false, false);
            assertThat(failure(other.start())).isInstanceOf(InterfaceException.class);
            assertThat(outer.isActive()).isTrue();
            value(outer.commit());
        }
    }

    // test_nested_isolation_level
    @Test
    void aNestedIsolationLevelIsAcceptedExactlyWhenItIsTheOuterOnesGivenOrFromTheSessionDefault() {
        List<IsolationLevel> inners = new ArrayList<>(List.of(IsolationLevel.values()));
        inners.add(null);
        for (IsolationLevel outerLevel : IsolationLevel.values()) {
            for (boolean implicit : new boolean[] {false, true}) {
                for (IsolationLevel innerLevel : inners) {
                    String subCase = "outer " + outerLevel + (implicit ? " (session default)" : "") + ", inner " + innerLevel;
                    if (implicit) {
                        value(conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + outerLevel.sql()));
                    }
                    try (Transaction outer = conn.transaction(implicit ? null : outerLevel, false, false)) {
                        value(outer.start());
                        Transaction inner = conn.transaction(innerLevel, false, false);
                        if (innerLevel != null && innerLevel != outerLevel) {
                            assertThat(failure(inner.start())).as(subCase).isInstanceOf(InterfaceException.class)
                                    .hasMessageContaining(innerLevel.sql() + " inside a " + outerLevel.sql() + " transaction");
                        } else {
                            value(inner.start());
                            assertThat(inner.isNested()).as(subCase).isTrue();
                            value(inner.commit());
                        }
                        value(outer.commit());
                    }
                    value(conn.reset());
                }
            }
        }
    }

    @Test
    void aPlainNestedTransactionInsideAReadOnlyOneIsASavepoint() {
        try (Transaction outer = conn.transaction(null, true, false)) {
            value(outer.start());
            Transaction inner = conn.transaction();
            value(inner.start());
            assertThat(inner.isNested()).isTrue();
            assertThat(value(conn.<String>fetchval("SHOW transaction_read_only"))).isEqualTo("on");
            value(inner.commit());
            value(outer.commit());
        }
    }

    @Test
    void aNestedReadOnlyTransactionNeedsAnEnclosingOneThatIsReadOnly() {
        try (Transaction outer = conn.transaction()) {
            value(outer.start());
            Transaction inner = conn.transaction(null, true, false);
            assertThat(failure(inner.start())).isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("cannot be READ ONLY inside a read-write transaction");
            assertThat(inner.isActive()).isFalse();
            assertThat(outer.isActive()).isTrue();
            value(outer.commit());
        }
        try (Transaction outer = conn.transaction(IsolationLevel.REPEATABLE_READ, true, false)) {
            value(outer.start());
            Transaction inner = conn.transaction(IsolationLevel.REPEATABLE_READ, true, false);
            value(inner.start());
            assertThat(inner.isNested()).isTrue();
            value(inner.commit());
            value(outer.commit());
        }
    }

    @Test
    void aNestedReadOnlyTransactionMayRepeatWhatTheOuterOneGotFromTheSessionDefault() {
        value(conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"));
        try (Transaction outer = conn.transaction()) {
            value(outer.start());
            Transaction inner = conn.transaction(null, true, false);
            value(inner.start());
            assertThat(inner.isNested()).isTrue();
            value(inner.commit());
            value(outer.commit());
        }
    }

    @Test
    void aNestedTransactionMayNameTheIsolationLevelTheOuterOneGotFromTheSessionDefault() {
        value(conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE"));
        try (Transaction outer = conn.transaction()) {
            value(outer.start());
            Transaction inner = conn.transaction(IsolationLevel.SERIALIZABLE, false, false);
            value(inner.start());
            assertThat(inner.isNested()).isTrue();
            value(inner.commit());
            Transaction other = conn.transaction(IsolationLevel.REPEATABLE_READ, false, false);
            assertThat(failure(other.start())).isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("cannot have isolation level REPEATABLE READ inside a SERIALIZABLE transaction");
            assertThat(other.isActive()).isFalse();
            assertThat(outer.isActive()).isTrue();
            assertThat(value(conn.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
            value(outer.commit());
        }
    }

    @Test
    void aRollbackRunAsAQueryEndsTheTransactionAndTheNextOneIsTopLevel() {
        Transaction ended = conn.transaction();
        value(ended.start());
        value(conn.execute("ROLLBACK"));

        assertThat(ended.isActive()).isFalse();
        assertThat(ended.toString()).contains("ended outside it");
        Transaction next = conn.transaction();
        value(next.start());
        assertThat(next.isNested()).isFalse();
        assertThat(conn.isInTransaction()).isTrue();
        assertThat(failure(ended.commit())).isInstanceOf(InterfaceException.class)
                .hasMessageContaining("ended outside it");
        assertThat(failure(ended.rollback())).isInstanceOf(InterfaceException.class)
                .hasMessageContaining("ended outside it");
        ended.close();
        assertThat(next.isActive()).isTrue();
        assertThat(conn.isInTransaction()).isTrue();
        value(next.commit());
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void aCommitRunAsAQueryKeepsTheWorkAndTheTransactionCannotBeCommittedAgain() {
        value(conn.execute("CREATE TEMP TABLE asyncpg_tx_by_hand (id int)"));
        try (Transaction tx = conn.transaction()) {
            value(tx.start());
            value(conn.execute("INSERT INTO asyncpg_tx_by_hand VALUES (1)"));
            value(conn.execute("COMMIT"));
            assertThat(failure(tx.commit())).isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("ended outside it");
        }
        assertThat(conn.isInTransaction()).isFalse();
        assertThat(ints(value(conn.fetch("SELECT id FROM asyncpg_tx_by_hand")))).containsExactly(1);
        assertThat(value(conn.<Integer>inTransaction(c -> c.<Integer>fetchval("SELECT 2")))).isEqualTo(2);
    }

    @Test
    void afterAnErrorAndARollbackRunAsAQueryTheNextTransactionIsTopLevel() {
        Transaction failed = conn.transaction();
        value(failed.start());
        assertThat(failure(conn.execute("SELECT 1 / 0"))).isInstanceOf(DivisionByZeroException.class);
        value(conn.execute("ROLLBACK"));

        for (int i = 0; i < 2; i++) {
            Transaction next = conn.transaction();
            value(next.start());
            assertThat(next.isNested()).isFalse();
            value(next.commit());
        }
        assertThat(failed.isActive()).isFalse();
    }

    @Test
    void runFailsWhenItsWorkEndsTheTransactionByHand() {
        assertThat(failure(conn.transaction().run(c -> c.execute("ROLLBACK")))).isInstanceOf(InterfaceException.class)
                .hasMessageContaining("ended outside it");
        assertThat(conn.isInTransaction()).isFalse();
        assertThat(value(conn.<Integer>inTransaction(c -> c.<Integer>fetchval("SELECT 1")))).isEqualTo(1);
    }

    @Test
    void aTransactionEndedByResetCannotCommitTheNextOne() {
        Transaction old = conn.transaction();
        value(old.start());
        value(conn.reset());
        value(conn.execute("CREATE TEMP TABLE asyncpg_tx_after_reset (id int)"));
        Transaction next = conn.transaction();
        value(next.start());
        value(conn.execute("INSERT INTO asyncpg_tx_after_reset VALUES (1)"));

        assertThat(old.isActive()).isFalse();
        assertThat(failure(old.commit())).isInstanceOf(InterfaceException.class).hasMessageContaining("ended outside it");
        assertThat(next.isActive()).isTrue();
        value(next.rollback());
        assertThat(ints(value(conn.fetch("SELECT id FROM asyncpg_tx_after_reset")))).isEmpty();
    }

    @Test
    void aSavepointOfATransactionEndedByHandCannotTouchTheNextTransaction() {
        Transaction outer = conn.transaction();
        value(outer.start());
        Transaction inner = conn.transaction();
        value(inner.start());
        value(conn.execute("ROLLBACK"));
        Transaction next = conn.transaction();
        value(next.start());
        assertThat(next.isNested()).isFalse();

        assertThat(inner.isActive()).isFalse();
        assertThat(failure(inner.commit())).isInstanceOf(InterfaceException.class).hasMessageContaining("ended outside it");
        assertThat(failure(inner.rollback())).isInstanceOf(InterfaceException.class).hasMessageContaining("ended outside it");
        assertThat(value(conn.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
        value(next.commit());
    }

    @Test
    void aSavepointLeftStartedEndsWithTheTransactionItBelongsTo() {
        Transaction outer = conn.transaction();
        value(outer.start());
        Transaction inner = conn.transaction();
        value(inner.start());
        value(outer.commit());

        assertThat(inner.isActive()).isFalse();
        assertThat(failure(inner.rollback())).isInstanceOf(InterfaceException.class).hasMessageContaining("ended outside it");
        assertThat(conn.isInTransaction()).isFalse();
    }

    // ---- cursors

    // test_cursor_iterable_01
    @Test
    void everyPrefetchFromOneToMoreThanTheRowsGivesEveryRowInOrder() {
        List<Integer> expected = ints(value(conn.fetch("SELECT generate_series(0, 20)")));
        for (int prefetch = 1; prefetch <= 25; prefetch++) {
            List<Integer> seen = new CopyOnWriteArrayList<>();
            int chunk = prefetch;
            value(conn.inTransaction(c -> c.cursor("SELECT generate_series(0, 20)").prefetch(chunk)
                    .forEach(row -> seen.add(row.getInt(0)))));
            assertThat(seen).as("prefetch " + prefetch).isEqualTo(expected);
        }
    }

    // test_cursor_iterable_05, test_cursor_02
    @Test
    void aPrefetchOrRowCountBelowOneIsAnInterfaceExceptionThrownBeforeAnythingIsSent() {
        assertThatThrownBy(() -> conn.cursor("SELECT 1").prefetch(0)).isInstanceOf(InterfaceException.class)
                .hasMessage("prefetch must be positive, got 0");
        assertThatThrownBy(() -> conn.cursor("SELECT 1").prefetch(-1)).isInstanceOf(InterfaceException.class);
        List<Record> rows = value(conn.inTransaction(c -> c.cursor("SELECT generate_series(0, 20)").open()
                .thenCompose(cursor -> {
                    // thrown at the call, as Connection does for a timeout that is not positive
                    assertThatThrownBy(() -> cursor.fetch(0)).isInstanceOf(InterfaceException.class)
                            .hasMessage("the number of rows must be positive, got 0");
                    assertThatThrownBy(() -> cursor.fetch(-1)).isInstanceOf(InterfaceException.class);
                    assertThatThrownBy(() -> cursor.forward(0)).isInstanceOf(InterfaceException.class);
                    assertThatThrownBy(() -> cursor.backward(-1)).isInstanceOf(InterfaceException.class);
                    return cursor.fetch(2); // nothing was sent: the transaction and the cursor go on
                })));
        assertThat(ints(rows)).containsExactly(0, 1);
    }

    // test_cursor_02, test_cursor_04
    @Test
    void aCursorReadPastItsEndGivesTheRestThenNothing() {
        Transaction tx = conn.transaction();
        value(tx.start());
        Cursor cursor = value(conn.cursor("SELECT generate_series(0, 20)").open());
        assertThat(ints(value(cursor.fetch(2)))).containsExactly(0, 1);
        assertThat(value(cursor.fetchrow()).getInt(0)).isEqualTo(2);
        assertThat(value(cursor.forward(5))).isEqualTo(5);
        assertThat(value(cursor.fetchrow()).getInt(0)).isEqualTo(8);
        assertThat(ints(value(cursor.fetch(100)))).containsExactly(9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        assertThat(value(cursor.fetchrow())).isNull();
        assertThat(value(cursor.fetch(5))).isEmpty();
        assertThat(value(cursor.forward(5))).isZero();
        value(tx.rollback());
    }

    @Test
    void forwardPastTheEndReportsTheRowsActuallySkipped() {
        Transaction tx = conn.transaction();
        value(tx.start());
        Cursor cursor = value(conn.cursor("SELECT generate_series(1, 10)").open());
        assertThat(value(cursor.forward(4))).isEqualTo(4);
        assertThat(value(cursor.forward(25))).isEqualTo(6);
        assertThat(value(cursor.backward(3))).isEqualTo(3);
        assertThat(value(cursor.fetchrow()).getInt(0)).isEqualTo(9);
        value(tx.rollback());
    }

    // test_cursor_iterable_06
    @Test
    void aCursorReadToItsEndReleasesItsTableWithinTheTransaction() {
        value(conn.inTransaction(c -> c.execute("CREATE TABLE asyncpg_cursor_06 (id int); "
                        + "INSERT INTO asyncpg_cursor_06 VALUES (0), (1)")
                .thenCompose(created -> c.cursor("SELECT * FROM asyncpg_cursor_06").forEach(row -> { }))
                .thenCompose(read -> c.execute("DROP TABLE asyncpg_cursor_06"))));
        assertThat(failure(conn.execute("SELECT * FROM asyncpg_cursor_06"))).isInstanceOf(UndefinedTableException.class);
    }

    @Test
    void aCursorWhoseActionThrowsFailsTheCallAndReleasesItsTable() {
        RuntimeException boom = new IllegalStateException("boom");
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        Throwable failed = failure(conn.inTransaction(c -> c.execute("CREATE TABLE asyncpg_cursor_throw (id int); "
                        + "INSERT INTO asyncpg_cursor_throw SELECT generate_series(1, 100)")
                .thenCompose(created -> c.cursor("SELECT * FROM asyncpg_cursor_throw").prefetch(10).forEach(row -> {
                    throw boom;
                }).exceptionally(error -> {
                    seen.add(error);
                    return null;
                }))
                .thenCompose(read -> c.execute("DROP TABLE asyncpg_cursor_throw"))
                .thenCompose(dropped -> c.execute("SELECT 1 / 0"))));
        assertThat(seen).containsExactly(boom);
        assertThat(failed).isInstanceOf(DivisionByZeroException.class);
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void aCursorUsedAfterItsCloseOrItsTransactionFailsAndTheConnectionStaysUsable() {
        Transaction tx = conn.transaction();
        value(tx.start());
        Cursor cursor = value(conn.cursor("SELECT generate_series(1, 10)").open());
        value(cursor.close());
        assertThat(failure(cursor.fetch(1))).isInstanceOf(PostgresException.class);
        value(tx.rollback());

        Transaction second = conn.transaction();
        value(second.start());
        Cursor ended = value(conn.cursor("SELECT generate_series(1, 10)").open());
        value(second.commit());
        assertThat(failure(ended.fetchrow())).isInstanceOfAny(PostgresException.class, InterfaceException.class);
        assertThat(conn.isInTransaction()).isFalse();
        assertThat(value(conn.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
    }
}
