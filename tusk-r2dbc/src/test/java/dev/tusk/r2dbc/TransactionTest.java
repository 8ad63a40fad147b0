package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.TransactionDefinition;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Transactions, auto-commit, isolation levels and savepoints. */
class TransactionTest extends R2dbcTestBase {

    @Test
    void aCommittedTransactionIsSeenByAnotherConnection() {
        String table = newTable("id int");
        Connection other = otherConnection();

        await(connection.beginTransaction());
        run("INSERT INTO " + table + " VALUES (1)");
        long beforeCommit = count(other, table);
        await(connection.commitTransaction());

        assertThat(beforeCommit).isZero();
        assertThat(count(other, table)).isEqualTo(1L);
    }

    @Test
    void aRolledBackTransactionLeavesNoTrace() {
        String table = newTable("id int");

        await(connection.beginTransaction());
        run("INSERT INTO " + table + " VALUES (1)");
        await(connection.rollbackTransaction());

        assertThat(count(connection, table)).isZero();
    }

    @Test
    void autoCommitIsOnByDefaultAndOffDuringAnExplicitTransaction() {
        boolean initially = connection.isAutoCommit();
        await(connection.beginTransaction());
        boolean during = connection.isAutoCommit();
        await(connection.commitTransaction());

        assertThat(initially).isTrue();
        assertThat(during).isFalse();
        assertThat(connection.isAutoCommit()).isTrue();
    }

    @Test
    void withAutoCommitOffStatementsRunInATransactionUntilRolledBack() {
        String table = newTable("id int");
        Connection other = otherConnection();

        await(connection.setAutoCommit(false));
        boolean autoCommit = connection.isAutoCommit();
        run("INSERT INTO " + table + " VALUES (1)");
        long seenByOther = count(other, table);
        await(connection.rollbackTransaction());

        assertThat(autoCommit).isFalse();
        assertThat(seenByOther).isZero();
        assertThat(count(connection, table)).isZero();
    }

    @Test
    void turningAutoCommitBackOnCommitsTheRunningTransaction() {
        String table = newTable("id int");

        await(connection.setAutoCommit(false));
        run("INSERT INTO " + table + " VALUES (1)");
        await(connection.setAutoCommit(true));

        assertThat(connection.isAutoCommit()).isTrue();
        assertThat(count(otherConnection(), table)).isEqualTo(1L);
    }

    @Test
    void anIsolationLevelGivenInATransactionDefinitionAppliesToThatTransaction() {
        await(connection.beginTransaction(definition(Map.of(TransactionDefinition.ISOLATION_LEVEL, IsolationLevel.REPEATABLE_READ))));
        String inside = value("SHOW transaction_isolation", String.class);
        await(connection.commitTransaction());

        assertThat(inside).isEqualTo("repeatable read");
        assertThat(value("SHOW transaction_isolation", String.class)).isEqualTo("read committed");
    }

    @Test
    void aReadOnlyTransactionDefinitionRefusesWrites() {
        String table = newTable("id int");

        await(connection.beginTransaction(definition(Map.of(TransactionDefinition.READ_ONLY, true))));
        assertThatThrownBy(() -> run("INSERT INTO " + table + " VALUES (1)"))
                .isInstanceOf(R2dbcException.class)
                .satisfies(e -> assertThat(((R2dbcException) e).getSqlState()).isEqualTo("25006"));
        await(connection.rollbackTransaction());

        assertThat(run("INSERT INTO " + table + " VALUES (1)")).isEqualTo(1L);
    }

    @Test
    void aLockWaitTimeoutInATransactionDefinitionSetsLockTimeoutForThatTransaction() {
        await(connection.beginTransaction(definition(Map.of(TransactionDefinition.LOCK_WAIT_TIMEOUT, Duration.ofMillis(1500)))));
        String inside = value("SHOW lock_timeout", String.class);
        await(connection.rollbackTransaction());

        assertThat(inside).isEqualTo("1500ms");
    }

    @Test
    void theConnectionsIsolationLevelAppliesToLaterTransactions() {
        IsolationLevel initially = connection.getTransactionIsolationLevel();
        await(connection.setTransactionIsolationLevel(IsolationLevel.SERIALIZABLE));
        await(connection.beginTransaction());
        String inside = value("SHOW transaction_isolation", String.class);
        await(connection.commitTransaction());

        assertThat(initially).isEqualTo(IsolationLevel.READ_COMMITTED);
        assertThat(connection.getTransactionIsolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
        assertThat(inside).isEqualTo("serializable");
    }

    @Test
    void rollingBackToASavepointUndoesOnlyWhatFollowedIt() {
        String table = newTable("id int");

        await(connection.beginTransaction());
        run("INSERT INTO " + table + " VALUES (1)");
        await(connection.createSavepoint("sp1"));
        run("INSERT INTO " + table + " VALUES (2)");
        await(connection.rollbackTransactionToSavepoint("sp1"));
        run("INSERT INTO " + table + " VALUES (3)");
        await(connection.commitTransaction());

        assertThat(query("SELECT id FROM " + table + " ORDER BY id", row -> row.get(0, Integer.class))).containsExactly(1, 3);
    }

    @Test
    void aReleasedSavepointKeepsItsWorkAndCannotBeRolledBackTo() {
        String table = newTable("id int");

        await(connection.beginTransaction());
        await(connection.createSavepoint("sp1"));
        run("INSERT INTO " + table + " VALUES (1)");
        await(connection.releaseSavepoint("sp1"));
        assertThatThrownBy(() -> await(connection.rollbackTransactionToSavepoint("sp1")))
                .isInstanceOf(R2dbcException.class)
                .satisfies(e -> assertThat(((R2dbcException) e).getSqlState()).isEqualTo("3B001"));
        await(connection.rollbackTransaction());
        await(connection.beginTransaction());
        await(connection.createSavepoint("sp2"));
        run("INSERT INTO " + table + " VALUES (2)");
        await(connection.releaseSavepoint("sp2"));
        await(connection.commitTransaction());

        assertThat(query("SELECT id FROM " + table, row -> row.get(0, Integer.class))).containsExactly(2);
    }

    @Test
    void aSavepointRecoversATransactionFromAFailedStatement() {
        String table = newTable("id int PRIMARY KEY");

        await(connection.beginTransaction());
        run("INSERT INTO " + table + " VALUES (1)");
        await(connection.createSavepoint("before_duplicate"));
        assertThatThrownBy(() -> run("INSERT INTO " + table + " VALUES (1)")).isInstanceOf(R2dbcException.class);
        await(connection.rollbackTransactionToSavepoint("before_duplicate"));
        run("INSERT INTO " + table + " VALUES (2)");
        await(connection.commitTransaction());

        assertThat(count(connection, table)).isEqualTo(2L);
    }

    @Test
    void aSavepointNameThatIsNotAnIdentifierIsQuoted() {
        await(connection.beginTransaction());
        await(connection.createSavepoint("my savepoint; DROP"));
        await(connection.rollbackTransactionToSavepoint("my savepoint; DROP"));
        await(connection.releaseSavepoint("my savepoint; DROP"));
        await(connection.commitTransaction());

        assertThat(value("SELECT 1", Integer.class)).isEqualTo(1);
    }

    @Test
    void aConcurrentUpdateUnderRepeatableReadFailsWithRollbackException() {
        String table = newTable("id int PRIMARY KEY, n int");
        run("INSERT INTO " + table + " VALUES (1, 0)");
        Connection other = otherConnection();

        await(connection.beginTransaction(definition(Map.of(TransactionDefinition.ISOLATION_LEVEL, IsolationLevel.REPEATABLE_READ))));
        assertThat(value("SELECT n FROM " + table + " WHERE id = 1", Integer.class)).isZero();
        run(other, "UPDATE " + table + " SET n = 1 WHERE id = 1");

        assertThatThrownBy(() -> run("UPDATE " + table + " SET n = 2 WHERE id = 1"))
                .isInstanceOf(R2dbcRollbackException.class)
                .satisfies(e -> assertThat(((R2dbcException) e).getSqlState()).isEqualTo("40001"));
        await(connection.rollbackTransaction());
        assertThat(value("SELECT n FROM " + table + " WHERE id = 1", Integer.class)).isEqualTo(1);
    }

    @Test
    void aTransactionRunWithReactorOperatorsCommitsWhenEveryStepSucceeds() {
        String table = newTable("id int");

        Mono<Void> work = Mono.from(connection.beginTransaction())
                .thenMany(Flux.from(connection.createStatement("INSERT INTO " + table + " VALUES ($1)").bind(0, 1).add()
                        .bind(0, 2).execute()).concatMap(r -> r.getRowsUpdated()))
                .then(Mono.from(connection.commitTransaction()))
                .onErrorResume(e -> Mono.from(connection.rollbackTransaction()).then(Mono.error(e)));
        work.block(TIMEOUT);

        assertThat(count(otherConnection(), table)).isEqualTo(2L);
    }

    private static TransactionDefinition definition(Map<Option<?>, Object> attributes) {
        return new TransactionDefinition() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getAttribute(Option<T> option) {
                return (T) attributes.get(option);
            }
        };
    }
}
