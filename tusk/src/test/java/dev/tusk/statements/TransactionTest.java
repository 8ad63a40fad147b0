package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.IsolationLevel;
import dev.tusk.Transaction;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.ReadOnlySqlTransactionException;
import dev.tusk.test.Db;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransactionTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
        conn.execute("CREATE TEMP TABLE tx_t (id int)").join();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    @BeforeEach
    void empty() {
        conn.execute("TRUNCATE tx_t").join();
    }

    private static long count() {
        return conn.<Long>fetchval("SELECT count(*) FROM tx_t").join();
    }

    @ParameterizedTest
    @EnumSource(IsolationLevel.class)
    void everyIsolationLevelIsVisibleOnTheServer(IsolationLevel level) {
        try (Transaction tx = conn.transaction(level, false, false)) {
            tx.start().join();
            assertThat(conn.<String>fetchval("SHOW transaction_isolation").join())
                    .isEqualTo(level.sql().toLowerCase());
            tx.commit().join();
        }
    }

    @Test
    void aTransactionStartedRightAfterACommitWithoutWaitingIsANewBlockPipelinedBehindIt() {
        Transaction first = conn.transaction();
        first.start().join();
        conn.execute("INSERT INTO tx_t VALUES (1)").join();
        CompletableFuture<Void> committed = first.commit();
        Transaction second = conn.transaction();
        CompletableFuture<Void> started = second.start();
        CompletableFuture<String> inserted = conn.execute("INSERT INTO tx_t VALUES (2)");
        CompletableFuture<Void> rolledBack = second.rollback();
        CompletableFuture<Void> third = conn.transaction().start();
        committed.join();
        started.join();
        inserted.join();
        rolledBack.join();
        third.join();
        assertThat(conn.isInTransaction()).isTrue();
        assertThat(conn.fetch("SELECT id FROM tx_t ORDER BY id").join()).extracting(row -> row.getInt(0)).containsExactly(1);
        conn.execute("ROLLBACK").join();
    }

    @Test
    void readOnlyAndDeferrableAreVisibleOnTheServer() {
        try (Transaction tx = conn.transaction(IsolationLevel.SERIALIZABLE, true, true)) {
            tx.start().join();
            assertThat(conn.<String>fetchval("SHOW transaction_read_only").join()).isEqualTo("on");
            assertThat(conn.<String>fetchval("SHOW transaction_deferrable").join()).isEqualTo("on");
            // temporary tables may be written in a read-only transaction; a new table may not
            assertThatThrownBy(() -> conn.execute("CREATE TABLE tx_read_only_probe (id int)").join())
                    .cause()
                    .isInstanceOf(ReadOnlySqlTransactionException.class)
                    .hasMessageContaining("read-only transaction");
        }
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void commitKeepsTheWorkAndRollbackUndoesIt() {
        Transaction kept = conn.transaction();
        kept.start().join();
        assertThat(conn.isInTransaction()).isTrue();
        conn.execute("INSERT INTO tx_t VALUES ($1)", 1).join();
        kept.commit().join();
        Transaction undone = conn.transaction();
        undone.start().join();
        conn.execute("INSERT INTO tx_t VALUES ($1)", 2).join();
        undone.rollback().join();
        assertThat(count()).isEqualTo(1);
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void closingAStartedTransactionRollsItBack() {
        try (Transaction tx = conn.transaction()) {
            tx.start().join();
            conn.execute("INSERT INTO tx_t VALUES ($1)", 1).join();
        }
        assertThat(count()).isZero();
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void aNestedTransactionIsASavepointWhoseRollbackKeepsTheOuterWork() {
        try (Transaction outer = conn.transaction()) {
            outer.start().join();
            conn.execute("INSERT INTO tx_t VALUES ($1)", 1).join();
            Transaction inner = conn.transaction();
            inner.start().join();
            assertThat(inner.isNested()).isTrue();
            conn.execute("INSERT INTO tx_t VALUES ($1)", 2).join();
            inner.rollback().join();
            Transaction kept = conn.transaction();
            kept.start().join();
            conn.execute("INSERT INTO tx_t VALUES ($1)", 3).join();
            kept.commit().join();
            outer.commit().join();
        }
        assertThat(conn.fetch("SELECT id FROM tx_t ORDER BY id").join()).extracting(r -> r.getInt(0)).containsExactly(1, 3);
    }

    @Test
    void inTransactionCommitsOnSuccessAndRollsBackOnFailure() {
        assertThat(conn.inTransaction(c -> c.execute("INSERT INTO tx_t VALUES ($1)", 1)).join()).isEqualTo("INSERT 0 1");
        RuntimeException boom = new IllegalStateException("boom");
        CompletableFuture<Object> failed = conn.inTransaction(c -> c.execute("INSERT INTO tx_t VALUES ($1)", 2)
                .thenApply(status -> {
                    throw boom;
                }));
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasCause(boom);
        assertThat(count()).isEqualTo(1);
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void misuseIsAnInterfaceException() {
        Transaction tx = conn.transaction();
        assertThatThrownBy(() -> tx.commit().join()).hasCauseInstanceOf(InterfaceException.class)
                .hasMessageContaining("not started");
        tx.start().join();
        assertThatThrownBy(() -> tx.start().join()).hasCauseInstanceOf(InterfaceException.class);
        assertThatThrownBy(() -> conn.transaction(IsolationLevel.SERIALIZABLE, false, false).start().join())
                .hasCauseInstanceOf(InterfaceException.class)
                .hasMessageContaining("nested transaction cannot have isolation level SERIALIZABLE");
        tx.rollback().join();
        assertThatThrownBy(() -> tx.commit().join()).hasCauseInstanceOf(InterfaceException.class)
                .hasMessageContaining("rolled back");
        assertThatThrownBy(() -> tx.rollback().join()).hasCauseInstanceOf(InterfaceException.class);
    }

    @Test
    void aTransactionEndedByARollbackQueryIsNotTakenForTheBlockAManualBeginStartsNext() {
        Transaction tx = conn.transaction();
        tx.start().join();
        conn.execute("ROLLBACK").join();
        conn.execute("BEGIN").join();
        try {
            assertThatThrownBy(() -> conn.transaction().start().join())
                    .hasCauseInstanceOf(InterfaceException.class)
                    .hasMessageContaining("already in a transaction block");
            assertThat(tx.isActive()).isFalse();
        } finally {
            conn.execute("ROLLBACK").join();
        }
    }

    @Test
    void aManuallyStartedTransactionIsNotSilentlyNested() {
        conn.execute("BEGIN").join();
        try {
            assertThatThrownBy(() -> conn.transaction().start().join())
                    .hasCauseInstanceOf(InterfaceException.class)
                    .hasMessageContaining("already in a transaction block");
        } finally {
            conn.execute("ROLLBACK").join();
        }
    }
}
