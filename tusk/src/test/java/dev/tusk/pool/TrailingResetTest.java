package dev.tusk.pool;

import static dev.tusk.test.Await.failure;
import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.LoggedQuery;
import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.PooledConnection;
import dev.tusk.Tusk;
import dev.tusk.exceptions.DivisionByZeroException;
import dev.tusk.exceptions.ForeignKeyViolationException;
import dev.tusk.exceptions.InvalidSqlStatementNameException;
import dev.tusk.test.Db;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pool's one-call methods ({@code pool.fetch}, ...) write the session reset into the call's own
 * flight: what the call changes is still undone before the next caller, the reset costs no flight
 * of its own, and the call's outcome is the transaction's, reset included.
 */
class TrailingResetTest {

    private final List<Pool> pools = new ArrayList<>();
    /** The queries run on the pool's one connection, as its query logger saw them. */
    private final List<String> logged = new CopyOnWriteArrayList<>();

    @AfterEach
    void closePools() {
        for (Pool pool : pools) {
            try {
                value(pool.closeAsync());
            } finally {
                pool.terminate();
            }
        }
    }

    /** A pool of one connection, so that every call finds the session the call before it left. */
    private Pool pool(String applicationName) {
        PoolOptions options = PoolOptions.builder()
                .connectOptions(Db.options().applicationName(applicationName).build())
                .minSize(1).maxSize(1)
                .init(conn -> {
                    conn.addQueryLogger((LoggedQuery query) -> logged.add(query.query()));
                    return CompletableFuture.completedFuture(null);
                })
                .build();
        Pool pool = value(Tusk.createPool(options));
        pools.add(pool);
        return pool;
    }

    private long resetsLogged(Pool pool) {
        try (PooledConnection conn = value(pool.acquire())) {
            String reset = conn.getResetQuery();
            return logged.stream().filter(reset::equals).count();
        }
    }

    @Test
    void aPooledCallAndItsResetShareOneFlight() {
        Pool pool = pool("tusk-trailing-flight");
        for (int i = 0; i < 5; i++) {
            assertThat(value(pool.<Integer>fetchval("SELECT $1::int4", i))).isEqualTo(i);
        }
        assertThat(value(pool.fetchrow("SELECT $1::int4 FROM generate_series(1, 3)", 7)).getInt(0)).isEqualTo(7);
        assertThat(value(pool.execute("SELECT $1::int4", 8))).isEqualTo("SELECT 1");
        // the first release prepares the reset's statements in a flight of its own; the others ride along
        assertThat(resetsLogged(pool)).isEqualTo(1);
        assertThat(logged.stream().filter("SELECT $1::int4"::equals).count()).isEqualTo(6);
    }

    @Test
    void statementsThatMustRunOutsideATransactionBlockStillRunAsTheCall() {
        Pool pool = pool("tusk-trailing-vacuum");
        try (Connection admin = Db.connect()) {
            value(admin.execute("DROP TABLE IF EXISTS trailing_vacuum; CREATE TABLE trailing_vacuum (id int)"));
            try {
                value(pool.fetchval("SELECT 1"));
                assertThat(value(pool.execute("VACUUM trailing_vacuum", new Object[0]))).isEqualTo("VACUUM");
                assertThat(value(pool.<Integer>fetchval("SELECT 2"))).isEqualTo(2);
            } finally {
                value(admin.execute("DROP TABLE trailing_vacuum"));
            }
        }
    }

    @Test
    void aCallThatDropsThePreparedStatementsRunsAgainAndKeepsTheCache() {
        Pool pool = pool("tusk-trailing-discard");
        value(pool.fetchval("SELECT 1"));
        // DISCARD ALL drops the reset's statements too: the reset that follows it in the flight fails
        assertThat(value(pool.execute("DISCARD ALL", new Object[0]))).isEqualTo("DISCARD ALL");

        assertThat(value(pool.<Integer>fetchval("SELECT $1::int4", 3))).isEqualTo(3);
        assertThat(value(pool.<Long>fetchval(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1::int4'"))).isEqualTo(1);
    }

    @Test
    void whatAPooledCallChangesIsUndoneBeforeTheNextCaller() {
        Pool pool = pool("tusk-trailing-clean");
        value(pool.fetchval("SELECT 1"));
        value(pool.fetchval("SELECT set_config('application_name', $1, false)", "dirty"));
        value(pool.fetchval("SELECT pg_advisory_lock($1)", 4242L));
        value(pool.fetch("LISTEN trailing_reset_channel"));
        value(pool.fetch("DECLARE held CURSOR WITH HOLD FOR SELECT 1"));

        assertThat(value(pool.<String>fetchval("SELECT current_setting('application_name')")))
                .isEqualTo("tusk-trailing-clean");
        assertThat(value(pool.<Long>fetchval(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"))).isZero();
        assertThat(value(pool.<Long>fetchval("SELECT count(*) FROM pg_listening_channels()"))).isZero();
        assertThat(value(pool.<Long>fetchval("SELECT count(*) FROM pg_cursors WHERE name = 'held'"))).isZero();
        assertThat(resetsLogged(pool)).isEqualTo(1);
    }

    @Test
    void aFailedCallIsResetInAFlightOfItsOwn() {
        Pool pool = pool("tusk-trailing-failed");
        value(pool.fetchval("SELECT 1"));
        // the lock is taken, then the division fails: the server skips the reset that followed in the flight
        assertThat(failure(pool.fetchval("SELECT pg_advisory_lock($1), 1 / $2", 4343L, 0)))
                .isInstanceOf(DivisionByZeroException.class);

        assertThat(value(pool.<Long>fetchval(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"))).isZero();
        assertThat(resetsLogged(pool)).isEqualTo(2);
    }

    @Test
    void aCallThatOpensATransactionIsRolledBackBeforeTheNextCaller() {
        Pool pool = pool("tusk-trailing-begin");
        value(pool.fetchval("SELECT 1"));
        value(pool.fetch("BEGIN"));

        try (PooledConnection conn = value(pool.acquire())) {
            assertThat(conn.isInTransaction()).isFalse();
            assertThat(value(conn.<String>fetchval("SELECT current_setting('application_name')")))
                    .isEqualTo("tusk-trailing-begin");
        }
    }

    @Test
    void aCommitThatFailsFailsTheCall() {
        Pool pool = pool("tusk-trailing-commit");
        try (Connection admin = Db.connect()) {
            value(admin.execute("DROP TABLE IF EXISTS trailing_commit; CREATE TABLE trailing_commit "
                    + "(id int PRIMARY KEY, parent int REFERENCES trailing_commit (id) DEFERRABLE INITIALLY DEFERRED)"));
            try {
                value(pool.fetchval("SELECT 1"));
                // the foreign key is checked at the commit, after the reset's statements
                assertThat(failure(pool.execute("INSERT INTO trailing_commit VALUES ($1, $2)", 1, 99)))
                        .isInstanceOf(ForeignKeyViolationException.class);

                assertThat(value(admin.<Long>fetchval("SELECT count(*) FROM trailing_commit"))).isZero();
                assertThat(value(pool.execute("INSERT INTO trailing_commit VALUES ($1, $2)", 1, 1))).isEqualTo("INSERT 0 1");
                assertThat(value(admin.<Long>fetchval("SELECT count(*) FROM trailing_commit"))).isEqualTo(1);
            } finally {
                value(admin.execute("DROP TABLE trailing_commit"));
            }
        }
    }

    @Test
    void aResetThatFailsRollsTheCallBackAndTheCallRunsOnceMoreAlone() {
        Pool pool = pool("tusk-trailing-retry");
        try (Connection admin = Db.connect()) {
            // a call that removes the reset's last statement from its session before the reset binds it
            value(admin.execute("DROP TABLE IF EXISTS trailing_runs; CREATE TABLE trailing_runs (run int);"
                    + "CREATE OR REPLACE FUNCTION trailing_sabotage() RETURNS bigint LANGUAGE plpgsql AS $$\n"
                    + "DECLARE victim text;\n"
                    + "BEGIN\n"
                    + "  SELECT name INTO victim FROM pg_prepared_statements WHERE statement = 'RESET ALL';\n"
                    + "  IF victim IS NOT NULL THEN EXECUTE format('DEALLOCATE %I', victim); END IF;\n"
                    + "  INSERT INTO trailing_runs VALUES (1);\n"
                    + "  RETURN (SELECT count(*) FROM trailing_runs);\n"
                    + "END $$"));
            try {
                value(pool.fetchval("SELECT 1"));

                // the reset fails, the insert is rolled back with it, and the call runs again without the reset
                assertThat(value(pool.<Long>fetchval("SELECT trailing_sabotage()"))).isEqualTo(1);

                assertThat(value(admin.<Long>fetchval("SELECT count(*) FROM trailing_runs"))).isEqualTo(1);
                value(pool.fetchval("SELECT set_config('application_name', $1, false)", "dirty"));
                assertThat(value(pool.<String>fetchval("SELECT current_setting('application_name')")))
                        .isEqualTo("tusk-trailing-retry");
            } finally {
                value(admin.execute("DROP FUNCTION trailing_sabotage(); DROP TABLE trailing_runs"));
            }
        }
    }

    @Test
    void aStatementThatMayCommitOnItsOwnIsNotRunTwiceWhenTheResetFails() {
        Pool pool = pool("tusk-trailing-do");
        try (Connection admin = Db.connect()) {
            value(admin.execute("DROP TABLE IF EXISTS trailing_do_runs; CREATE TABLE trailing_do_runs (run int)"));
            try {
                value(pool.fetchval("SELECT 1"));
                // a DO block could commit: when the reset after it fails, the call fails with the reset's error
                String sabotage = "DO $$\n"
                        + "DECLARE victim text;\n"
                        + "BEGIN\n"
                        + "  SELECT name INTO victim FROM pg_prepared_statements WHERE statement = 'RESET ALL';\n"
                        + "  EXECUTE format('DEALLOCATE %I', victim);\n"
                        + "  INSERT INTO trailing_do_runs VALUES (1);\n"
                        + "END $$";
                assertThat(failure(pool.execute(sabotage, new Object[0])))
                        .isInstanceOf(InvalidSqlStatementNameException.class);

                // it ran once, and was rolled back with the reset (it did not commit)
                assertThat(value(admin.<Long>fetchval("SELECT count(*) FROM trailing_do_runs"))).isZero();
                value(pool.fetchval("SELECT set_config('application_name', $1, false)", "dirty"));
                assertThat(value(pool.<String>fetchval("SELECT current_setting('application_name')")))
                        .isEqualTo("tusk-trailing-do");
            } finally {
                value(admin.execute("DROP TABLE trailing_do_runs"));
            }
        }
    }
}
