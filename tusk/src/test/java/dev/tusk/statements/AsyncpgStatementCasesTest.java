package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.PreparedStatement;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.exceptions.FeatureNotSupportedException;
import dev.tusk.exceptions.InFailedSqlTransactionException;
import dev.tusk.exceptions.OutdatedSchemaCacheException;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import dev.tusk.LoggedQuery;
import dev.tusk.PostgresLogMessage;
import dev.tusk.exceptions.QueryTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge cases of asyncpg's own tests of statements, execution, cache invalidation, timeouts,
 * cancellation, exceptions and logging (test_cache_invalidation.py, test_prepare.py,
 * test_execute.py, test_timeout.py, test_cancellation.py, test_exceptions.py, test_logging.py)
 * that other classes do not already pin down, as Tusk behaves where its design differs.
 */
class AsyncpgStatementCasesTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    // test_cache_invalidation.py

    @Test
    void aCachedStatementWhoseResultTypeChangedIsPreparedAgainSilently() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TEMP TABLE inval_silent (a int, b int); INSERT INTO inval_silent VALUES (1, 2)").join();
            assertThat(own.fetchrow("SELECT * FROM inval_silent").join().values()).containsExactly(1, 2);
            own.execute("ALTER TABLE inval_silent ALTER COLUMN b SET DATA TYPE text").join();
            assertThat(own.fetchrow("SELECT * FROM inval_silent").join().values()).containsExactly(1, "2");
            assertThat(own.fetchrow("SELECT * FROM inval_silent").join().values()).containsExactly(1, "2");
        }
    }

    @Test
    void inATransactionAStaleCachedStatementFailsOnceAndWorksAfterTheRollback() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TEMP TABLE inval_tx (a int, b int); INSERT INTO inval_tx VALUES (1, 2)").join();
            own.fetchrow("SELECT * FROM inval_tx").join();
            own.execute("ALTER TABLE inval_tx ALTER COLUMN b SET DATA TYPE text").join();
            own.execute("BEGIN").join();
            assertThat(Await.failure(own.fetchrow("SELECT * FROM inval_tx")))
                    .isInstanceOf(FeatureNotSupportedException.class)
                    .hasMessageContaining("cached plan must not change result type");
            own.execute("ROLLBACK").join();
            assertThat(own.fetchrow("SELECT * FROM inval_tx").join().values()).containsExactly(1, "2");
        }
    }

    @Test
    void eachConnectionDropsAStaleStatementFromItsOwnCache() {
        String table = "inval_shared_" + ProcessHandle.current().pid();
        try (Connection first = Db.connect(); Connection second = Db.connect()) {
            conn.execute("CREATE TABLE " + table + " (a int, b int); INSERT INTO " + table + " VALUES (1, 2)").join();
            try {
                String select = "SELECT * FROM " + table;
                assertThat(first.fetchrow(select).join().values()).containsExactly(1, 2);
                assertThat(second.fetchrow(select).join().values()).containsExactly(1, 2);
                conn.execute("ALTER TABLE " + table + " ALTER COLUMN b SET DATA TYPE text").join();
                assertThat(first.fetchrow(select).join().values()).containsExactly(1, "2");
                // each connection has its own cache: inside a transaction the second fails once, then works
                second.execute("BEGIN").join();
                assertThat(Await.failure(second.fetchrow(select))).isInstanceOf(FeatureNotSupportedException.class);
                second.execute("ROLLBACK").join();
                assertThat(second.fetchrow(select).join().values()).containsExactly(1, "2");
            } finally {
                conn.execute("DROP TABLE " + table).join();
            }
        }
    }

    @Test
    void anAttributeAddedToACompositeFailsOnceAndIsReadByTheNextQuery() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TYPE pg_temp.inval_typ AS (x int, y int); "
                    + "CREATE TEMP TABLE inval_comp (a int, b pg_temp.inval_typ); "
                    + "INSERT INTO inval_comp VALUES (1, (2, 3))").join();
            Record before = own.fetchrow("SELECT * FROM inval_comp").join();
            assertThat(before.get("b", Record.class).values()).containsExactly(2, 3);
            own.execute("ALTER TYPE pg_temp.inval_typ ADD ATTRIBUTE c text").join();
            // as asyncpg's OutdatedSchemaCacheError: the value fails once, and the connection reloads its types
            Record after = Await.value(own.fetchrow("SELECT * FROM inval_comp"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> after.get("b", Record.class))
                    .isInstanceOf(OutdatedSchemaCacheException.class)
                    .hasMessageContaining("column \"b\": inval_typ has 3 attributes where 2 were expected")
                    .hasMessageContaining("run the query again");
            assertThat(after.get("a")).isEqualTo(1);
            assertThat(Await.value(own.fetchrow("SELECT * FROM inval_comp")).get("b", Record.class).values())
                    .containsExactly(2, 3, null);
            own.execute("CREATE TYPE pg_temp.inval_typ2 AS (x int, y int)").join();
            String select = "SELECT ROW(2, 3)::pg_temp.inval_typ2 AS v";
            assertThat(Await.value(own.fetchrow(select)).get("v", Record.class).values()).containsExactly(2, 3);
            own.execute("ALTER TYPE pg_temp.inval_typ2 ALTER ATTRIBUTE y TYPE text").join();
            Record retyped = Await.value(own.fetchrow(select));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> retyped.get("v"))
                    .isInstanceOf(OutdatedSchemaCacheException.class)
                    .hasMessageContaining("attribute y has type oid 25 where 23 was expected");
            assertThat(Await.value(own.fetchrow(select)).get("v", Record.class).values()).containsExactly(2, "3");
        }
    }

    @Test
    void fetchmanyOfAStatementWhoseResultTypeChangedWorksAgain() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TEMP TABLE inval_many (a int, b int)").join();
            String insert = "INSERT INTO inval_many VALUES ($1, $2) RETURNING *";
            assertThat(own.fetchmany(insert, List.of(List.of(1, 2))).join().get(0).values()).containsExactly(1, 2);
            own.execute("ALTER TABLE inval_many ALTER COLUMN b SET DATA TYPE text").join();
            // the cached statement's parameter is still an int4, its result no longer the same
            assertThat(Await.failure(own.fetchmany(insert, List.of(List.of(3, 4)))))
                    .isInstanceOf(FeatureNotSupportedException.class)
                    .hasMessageContaining("cached plan must not change result type");
            // prepared afresh: its second parameter is now a text
            assertThat(Await.value(own.fetchmany(insert, List.of(List.of(5, "6")))).get(0).values()).containsExactly(5, "6");
        }
    }

    @Test
    void executemanyOfAPreparedStatementDeallocatedBehindItsBackLeavesTheCacheOn() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TEMP TABLE closed_many (a int)").join();
            PreparedStatement insert = own.prepare("INSERT INTO closed_many VALUES ($1)").join();
            own.execute("DEALLOCATE \"" + insert.getName() + "\"").join();
            assertThat(Await.failure(insert.executemany(List.of(List.of(1))))).isInstanceOf(PostgresException.class);
            own.fetchval("SELECT $1::int4 + 40", 2).join();
            assertThat(own.<Long>fetchval("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1",
                    "SELECT $1::int4 + 40").join()).isEqualTo(1L);
        }
    }

    // test_prepare.py

    @Test
    void aPreparedStatementWhoseResultTypeChangedFailsClearly() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TEMP TABLE prep_invalid (a int, b int); INSERT INTO prep_invalid VALUES (1, 2)").join();
            PreparedStatement select = own.prepare("SELECT * FROM prep_invalid").join();
            own.execute("ALTER TABLE prep_invalid ALTER COLUMN b SET DATA TYPE text").join();
            assertThat(Await.failure(select.fetchrow()))
                    .isInstanceOf(FeatureNotSupportedException.class)
                    .hasMessageContaining("cached plan must not change result type");
            assertThat(own.prepare("SELECT * FROM prep_invalid").join().fetchrow().join().values())
                    .containsExactly(1, "2");
        }
    }

    @Test
    void aServerErrorOfAPreparedStatementLeavesItUsable() {
        PreparedStatement divide = conn.prepare("SELECT 10 / $1::int").join();
        assertThat(Await.failure(divide.fetchval(0))).isInstanceOf(dev.tusk.exceptions.DivisionByZeroException.class);
        assertThat(divide.<Integer>fetchval(5).join()).isEqualTo(2);
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void moreThan32767ArgumentsWork() {
        // asyncpg stops at 32767; the protocol's counts are unsigned 16-bit numbers
        StringBuilder sql = new StringBuilder("SELECT ARRAY[");
        Object[] args = new Object[40000];
        for (int i = 1; i <= args.length; i++) {
            sql.append(i == 1 ? "" : ",").append('$').append(i).append("::int4");
            args[i - 1] = i;
        }
        sql.append(']');
        List<?> values = Await.value(conn.<List<?>>fetchval(sql.toString(), args));
        assertThat(values).hasSize(40000);
        assertThat(values.get(39999)).isEqualTo(40000);
        assertThat(conn.<Integer>fetchval("SELECT $1::int4", 1).join()).isEqualTo(1);
    }

    @Test
    void aHundredKilobyteErrorMessageArrivesWhole() {
        String message = "0".repeat(100 * 1024);
        PreparedStatement raise = conn.prepare("DO language plpgsql $$ BEGIN RAISE EXCEPTION '" + message
                + "'; END $$").join();
        Throwable failure = Await.failure(raise.fetchval());
        assertThat(failure).isInstanceOf(dev.tusk.exceptions.RaiseException.class);
        assertThat(((PostgresException) failure).getServerMessage()).isEqualTo(message);
        assertThat(conn.<Integer>fetchval("SELECT 1").join()).isEqualTo(1);
    }

    @Test
    void anEmptyStatementGivesNoRowsNoRowAndNoValue() {
        PreparedStatement empty = conn.prepare("").join();
        assertThat(empty.fetch().join()).isEmpty();
        assertThat(empty.fetchrow().join()).isNull();
        assertThat(empty.<Object>fetchval().join()).isNull();
        assertThat(conn.fetchrow("").join()).isNull();
        assertThat(conn.<Object>fetchval("").join()).isNull();
    }

    @Test
    void anEmptyTargetListGivesARowWithoutColumns() {
        Record row = conn.fetchrow("SELECT").join();
        assertThat(row.size()).isZero();
        assertThat(row.keys()).isEmpty();
    }

    @Test
    void aLiteralOfUnknownTypeIsReadAsText() {
        assertThat(conn.prepare("SELECT 'test'").join().<String>fetchval().join()).isEqualTo("test");
    }

    @Test
    void moreArgumentsThanTheProtocolCanCountFailAndTheConnectionStaysUsable() {
        StringBuilder sql = new StringBuilder("SELECT ARRAY[");
        Object[] args = new Object[65536];
        for (int i = 1; i <= args.length; i++) {
            sql.append(i == 1 ? "" : ",").append('$').append(i).append("::int4");
            args[i - 1] = i;
        }
        sql.append(']');
        assertThat(Await.failure(conn.fetchval(sql.toString(), args)))
                .isInstanceOf(dev.tusk.exceptions.InterfaceException.class)
                .hasMessageContaining("the number of query arguments cannot exceed 65535, got 65536");
        assertThat(conn.<Integer>fetchval("SELECT $1::int4", 1).join()).isEqualTo(1);
    }

    @Test
    void aPreparedStatementReportsTheStatusOfEveryKindOfCommand() {
        try (Connection own = Db.connect()) {
            assertThat(statusOf(own, "CREATE TEMP TABLE status_kinds (a int)")).isEqualTo("CREATE TABLE");
            assertThat(statusOf(own, "INSERT INTO status_kinds (a) VALUES (1), (2)")).isEqualTo("INSERT 0 2");
            assertThat(statusOf(own, "SELECT a FROM status_kinds")).isEqualTo("SELECT 2");
            assertThat(statusOf(own, "UPDATE status_kinds SET a = 3 WHERE a = 1")).isEqualTo("UPDATE 1");
            assertThat(statusOf(own, "DROP TABLE status_kinds")).isEqualTo("DROP TABLE");
        }
    }

    private static String statusOf(Connection own, String sql) {
        PreparedStatement statement = own.prepare(sql).join();
        statement.fetch().join();
        return statement.getStatusmsg();
    }

    @Test
    void aPreparedStatementReturnsTenThousandRows() {
        List<Record> rows = conn.prepare("SELECT generate_series(0, 10000)").join().fetch().join();
        assertThat(rows).hasSize(10001);
        assertThat(rows.get(10000).getInt(0)).isEqualTo(10000);
    }

    @Test
    void explainAnalyzeInsideATransactionRollsBackOnlyItsOwnWork() {
        try (Connection own = Db.connect()) {
            dev.tusk.Transaction tx = own.transaction();
            tx.start().join();
            own.execute("CREATE TEMP TABLE explained (a int)").join();
            PreparedStatement insert = own.prepare("INSERT INTO explained (a) VALUES (1), (2)").join();
            assertThat(insert.explain(true).join()).contains("\"Operation\": \"Insert\"");
            assertThat(own.fetch("SELECT * FROM explained").join()).isEmpty();
            assertThat(own.isInTransaction()).isTrue();
            own.execute("INSERT INTO explained VALUES (3)").join();
            tx.commit().join();
            assertThat(own.<Long>fetchval("SELECT count(*) FROM explained").join()).isEqualTo(1L);
        }
    }

    @Test
    void aFailingExplainAnalyzeRollsBackAndReportsTheError() {
        PreparedStatement divide = conn.prepare("SELECT 1 / $1::int4").join();
        assertThat(Await.failure(divide.explain(true, 0))).isInstanceOf(dev.tusk.exceptions.DivisionByZeroException.class);
        assertThat(conn.isInTransaction()).isFalse();
        assertThat(divide.<Integer>fetchval(1).join()).isEqualTo(1);
    }

    @Test
    void duplicateColumnNamesKeepEveryValueInOrder() {
        Record row = conn.fetchrow("SELECT 1 AS a, 2 AS b, 3 AS a").join();
        assertThat(row.keys()).containsExactly("a", "b", "a");
        assertThat(row.values()).containsExactly(1, 2, 3);
        assertThat(row.get(2)).isEqualTo(3);
        assertThat(row.get("a")).isEqualTo(1); // the first column of the name (asyncpg: the last)
    }

    @Test
    void aWrongArgumentCountForAStatementWithoutParametersIsAnInterfaceException() {
        assertThat(Await.failure(conn.fetchval("SELECT 1", 1)))
                .isInstanceOf(dev.tusk.exceptions.InterfaceException.class)
                .hasMessageContaining("the server expects 0 arguments for this query, 1 was passed");
        assertThat(Await.failure(conn.fetchval("SELECT $1::int")))
                .isInstanceOf(dev.tusk.exceptions.InterfaceException.class)
                .hasMessageContaining("the server expects 1 argument for this query, 0 were passed");
        PreparedStatement one = conn.prepare("SELECT $1::int").join();
        assertThat(Await.failure(one.fetchval())).isInstanceOf(dev.tusk.exceptions.InterfaceException.class);
        assertThat(one.<Integer>fetchval(4).join()).isEqualTo(4);
    }

    @Test
    void withTheCacheOffATimeoutLeavesTheConnectionUsable() {
        try (Connection uncached = Tusk.connect(Db.options().statementCacheSize(0).build()).join()) {
            assertThat(uncached.<Integer>fetchval("SELECT 1").join()).isEqualTo(1);
            assertThat(Await.failure(uncached.fetchrow(java.time.Duration.ofMillis(50), "SELECT pg_sleep(10)")))
                    .isInstanceOf(dev.tusk.exceptions.QueryTimeoutException.class);
            assertThat(Await.value(uncached.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
            assertThat(uncached.<Integer>fetchval("SELECT 2").join()).isEqualTo(2);
            assertThat(uncached.<Integer>fetchval("SELECT $1::int4", 3).join()).isEqualTo(3);
        }
    }

    // test_execute.py

    @Test
    void aScriptReturnsTheStatusOfItsLastStatementWhateverCameBefore() {
        assertThat(conn.execute("SELECT 1;\n\nSELECT true FROM pg_type WHERE false = true;\n\nSELECT generate_series(0, 9);")
                .join()).isEqualTo("SELECT 10");
    }

    @Test
    void severalStatementsWithArgumentsAreASyntaxError() {
        assertThat(Await.failure(conn.execute("CREATE TEMP TABLE two_cmds (a int); INSERT INTO two_cmds VALUES ($1), ($2);",
                10, 20)))
                .isInstanceOf(dev.tusk.exceptions.SyntaxErrorException.class)
                .hasMessageContaining("cannot insert multiple commands into a prepared statement");
    }

    @Test
    void aScriptThatFailsInTheMiddleKeepsNothingOfItsImplicitTransaction() {
        assertThat(Await.failure(conn.execute("CREATE TABLE script_mid (a int); SELECT * FROM script_mid WHERE 1 / 0 = 1;")))
                .isInstanceOf(dev.tusk.exceptions.DivisionByZeroException.class);
        assertThat(Await.failure(conn.prepare("SELECT * FROM script_mid")))
                .isInstanceOf(dev.tusk.exceptions.UndefinedTableException.class)
                .hasMessageContaining("\"script_mid\" does not exist");
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void aScriptThatFailsAfterItsOwnBeginLeavesTheTransactionFailedUntilRollback() {
        try (Connection own = Db.connect()) {
            assertThat(Await.failure(own.execute("BEGIN; SELECT 1 / 0; SELECT 2")))
                    .isInstanceOf(dev.tusk.exceptions.DivisionByZeroException.class);
            assertThat(own.isInTransaction()).isTrue();
            assertThat(Await.failure(own.fetchval("SELECT $1::int4", 1))).isInstanceOf(InFailedSqlTransactionException.class);
            own.execute("ROLLBACK").join();
            assertThat(own.isInTransaction()).isFalse();
            assertThat(own.<Integer>fetchval("SELECT $1::int4", 1).join()).isEqualTo(1);
        }
    }

    @Test
    void executemanyOfNoRowsDoesNothingForAPreparedStatementToo() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TEMP TABLE exmany (a text, b int PRIMARY KEY)").join();
            PreparedStatement insert = own.prepare("INSERT INTO exmany VALUES ($1, $2)").join();
            insert.executemany(List.of(List.of("a", 1), List.of("b", 2))).join();
            insert.executemany(List.of()).join();
            assertThat(own.fetchmany("INSERT INTO exmany VALUES ($1, $2)", List.of(List.of("e", 5))).join()).isEmpty();
            assertThat(own.fetch("SELECT b FROM exmany ORDER BY b").join()).extracting(r -> r.get(0)).containsExactly(1, 2, 5);
        }
    }

    @Test
    void anIteratorThatThrowsFailsTheBatchWithItsExceptionAndKeepsNoRow() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TEMP TABLE exmany_gen (a text, b int PRIMARY KEY)").join();
            String bigText = "a".repeat(32768);
            Iterable<Object[]> failingLate = () -> new java.util.Iterator<>() {
                int y = 10;

                public boolean hasNext() {
                    return y >= 0;
                }

                public Object[] next() {
                    int value = y--;
                    return new Object[] {bigText, value + value / value};
                }
            };
            assertThat(Await.failure(own.executemany("INSERT INTO exmany_gen VALUES ($1, $2)", failingLate)))
                    .isInstanceOf(ArithmeticException.class);
            assertThat(own.fetch("SELECT b FROM exmany_gen").join()).isEmpty();
            assertThat(own.isInTransaction()).isFalse();
            // inside a transaction the rows already sent are rolled back with the transaction
            own.execute("BEGIN").join();
            assertThat(Await.failure(own.executemany("INSERT INTO exmany_gen VALUES ($1, $2)", failingLate)))
                    .isInstanceOf(ArithmeticException.class);
            own.execute("ROLLBACK").join();
            own.execute("BEGIN").join();
            own.executemany("INSERT INTO exmany_gen (b) VALUES ($1)", List.of(List.of(1), List.of(2))).join();
            own.execute("COMMIT").join();
            assertThat(own.<Long>fetchval("SELECT count(*) FROM exmany_gen").join()).isEqualTo(2L);
        }
    }

    @Test
    void aServerErrorEarlyInALargeBatchStopsReadingTheRows() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TEMP TABLE exmany_early (a text, b int PRIMARY KEY)").join();
            String bigText = "a".repeat(32768);
            java.util.concurrent.atomic.AtomicInteger pos = new java.util.concurrent.atomic.AtomicInteger();
            Iterable<Object[]> rows = () -> new java.util.Iterator<>() {
                public boolean hasNext() {
                    return pos.get() < 16384;
                }

                public Object[] next() {
                    int at = pos.incrementAndGet();
                    return at < 3 ? new Object[] {"a", 0} : new Object[] {bigText, at};
                }
            };
            assertThat(Await.failure(own.executemany("INSERT INTO exmany_early VALUES ($1, $2)", rows)))
                    .isInstanceOf(dev.tusk.exceptions.UniqueViolationException.class);
            assertThat(own.fetch("SELECT b FROM exmany_early").join()).isEmpty();
            // the server's error stops the reading of rows: the connection reads between the chunks
            // it writes, so at most what the socket buffers hold goes out after it (18 rows of
            // 32 KB here on an idle machine; about 850 when chunks were written back to back)
            assertThat(pos.get()).isLessThan(1024);
        }
    }

    @Test
    void aBatchPastTheCommandTimeoutFailsAndKeepsNoRow() {
        try (Connection timed = Tusk.connect(Db.options().commandTimeout(java.time.Duration.ofMillis(500)).build()).join()) {
            timed.execute("CREATE TEMP TABLE exmany_slow (a text, b int)").join();
            java.util.List<Object[]> rows = new java.util.ArrayList<>();
            for (int x = 0; x < 128; x++) {
                rows.add(new Object[] {"a".repeat(32768), x});
            }
            assertThat(Await.failure(timed.executemany("INSERT INTO exmany_slow VALUES (pg_sleep(0.1) || $1, $2)", rows)))
                    .isInstanceOf(dev.tusk.exceptions.QueryTimeoutException.class);
            assertThat(Await.value(timed.fetch(Await.BOUND, "SELECT * FROM exmany_slow"))).isEmpty();
        }
    }

    @Test
    void aBatchBlockedByALockTimesOutAndChangesNothing() {
        String table = "exmany_locked_" + ProcessHandle.current().pid();
        conn.execute("CREATE TABLE " + table + " (a text, b int PRIMARY KEY)").join();
        try (Connection timed = Tusk.connect(Db.options().commandTimeout(java.time.Duration.ofMillis(500)).build()).join();
                Connection locker = Db.connect()) {
            // 16 MiB of updates: more than the socket buffers hold while the server waits for the lock
            java.util.List<Object[]> keys = new java.util.ArrayList<>();
            java.util.List<Object[]> updates = new java.util.ArrayList<>();
            String bigText = "a".repeat(32768);
            for (int x = 0; x < 512; x++) {
                keys.add(new Object[] {x});
                updates.add(new Object[] {bigText, x});
            }
            timed.executemany("INSERT INTO " + table + " VALUES (NULL, $1)", keys).join();
            locker.execute("BEGIN; UPDATE " + table + " SET a = '1' WHERE b = 10").join();
            assertThat(Await.failure(timed.executemany("UPDATE " + table + " SET a = $1 WHERE b = $2", updates)))
                    .isInstanceOf(dev.tusk.exceptions.QueryTimeoutException.class);
            locker.execute("ROLLBACK").join();
            assertThat(Await.value(timed.fetch(Await.BOUND, "SELECT * FROM " + table + " WHERE a IS NOT NULL"))).isEmpty();
        } finally {
            conn.execute("DROP TABLE " + table).join();
        }
    }

    // test_timeout.py

    @Test
    void everyKindOfCallTimesOutAndLeavesTheConnectionUsable() {
        try (Connection own = Db.connect()) {
            Duration brief = Duration.ofMillis(50);
            assertThat(Await.failure(own.fetchrow(brief, "SELECT pg_sleep(10)"))).isInstanceOf(QueryTimeoutException.class);
            assertThat(Await.value(own.fetch("SELECT 1"))).hasSize(1);
            assertThat(Await.failure(own.fetchval(brief, "SELECT pg_sleep(10)"))).isInstanceOf(QueryTimeoutException.class);
            assertThat(Await.value(own.fetch("SELECT 1"))).hasSize(1);
            assertThat(Await.failure(own.fetchResult(brief, "SELECT pg_sleep(10)"))).isInstanceOf(QueryTimeoutException.class);
            assertThat(Await.value(own.fetch("SELECT 1"))).hasSize(1);
        }
    }

    @Test
    void theCommandTimeoutBoundsEveryCallOfAPreparedStatement() {
        try (Connection timed = Tusk.connect(Db.options().commandTimeout(Duration.ofMillis(100)).build()).join()) {
            PreparedStatement sleep = timed.prepare("SELECT pg_sleep(10)").join();
            assertThat(Await.failure(sleep.fetch())).isInstanceOf(QueryTimeoutException.class);
            assertThat(Await.value(timed.fetch(Await.BOUND, "SELECT 1"))).hasSize(1);
            assertThat(Await.failure(sleep.fetchrow())).isInstanceOf(QueryTimeoutException.class);
            assertThat(Await.value(timed.fetch(Await.BOUND, "SELECT 1"))).hasSize(1);
            assertThat(Await.failure(sleep.fetchval())).isInstanceOf(QueryTimeoutException.class);
            assertThat(Await.value(timed.<Integer>fetchval(Await.BOUND, "SELECT 2"))).isEqualTo(2);
        }
    }

    @Test
    void aTimeoutWhileTheStatementIsBeingPreparedLeavesTheConnectionAndTheStatementUsable() {
        String table = "prep_locked_" + ProcessHandle.current().pid();
        conn.execute("CREATE TABLE " + table + " (a int); INSERT INTO " + table + " VALUES (1)").join();
        try (Connection own = Db.connect(); Connection locker = Db.connect()) {
            locker.execute("BEGIN; LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE").join();
            String select = "SELECT a FROM " + table + " WHERE a = $1";
            // the Parse waits for the lock: the timeout expires before the statement is described
            assertThat(Await.failure(own.fetchval(Duration.ofMillis(200), select, 1))).isInstanceOf(QueryTimeoutException.class);
            locker.execute("ROLLBACK").join();
            assertThat(Await.value(own.<Integer>fetchval(select, 1))).isEqualTo(1);
            assertThat(Await.value(own.<Integer>fetchval(select, 1))).isEqualTo(1);
        } finally {
            conn.execute("DROP TABLE " + table).join();
        }
    }

    @Test
    void timeoutsThatExpireAtOnceNeverHitTheNextCall() {
        try (Connection own = Db.connect()) {
            for (int i = 0; i < 50; i++) {
                assertThat(Await.failure(own.fetch(Duration.ofNanos(1), "SELECT pg_sleep(0.05)")))
                        .isInstanceOf(QueryTimeoutException.class);
                assertThat(Await.value(own.<Integer>fetchval("SELECT $1::int4", i))).isEqualTo(i);
            }
        }
    }

    @Test
    void aCursorPastTheCommandTimeoutFailsItsTransactionOnly() {
        try (Connection timed = Tusk.connect(Db.options().commandTimeout(Duration.ofMillis(200)).build()).join()) {
            timed.execute("BEGIN").join();
            dev.tusk.Cursor cursor = Await.value(timed.cursor("SELECT pg_sleep(10)").open());
            assertThat(Await.failure(cursor.fetchrow())).isInstanceOf(QueryTimeoutException.class);
            assertThat(Await.failure(cursor.fetch(1))).isInstanceOf(InFailedSqlTransactionException.class);
            Await.value(timed.execute("ROLLBACK"));
            timed.execute("BEGIN").join();
            assertThat(Await.failure(timed.cursor("SELECT pg_sleep(10)").forEach(row -> { })))
                    .isInstanceOf(QueryTimeoutException.class);
            Await.value(timed.execute("ROLLBACK"));
            assertThat(Await.value(timed.<Integer>fetchval(Await.BOUND, "SELECT 1"))).isEqualTo(1);
        }
    }

    // test_cancellation.py

    @Test
    void cancellingAQueuedCallLeavesTheRunningOneAlone() {
        try (Connection own = Db.connect()) {
            CompletableFuture<Object> running = own.fetchval("SELECT pg_sleep(0.3)::text || 'done'");
            CompletableFuture<Integer> queued = own.fetchval("SELECT $1::int4", 1);
            assertThat(queued.cancel(true)).isTrue();
            assertThat(Await.value(running)).isEqualTo("done");
            assertThat(Await.value(own.<Integer>fetchval("SELECT $1::int4", 2))).isEqualTo(2);
        }
    }

    @Test
    void aCancelledCallInATransactionFailsItUntilRollback() {
        try (Connection own = Db.connect()) {
            PreparedStatement sleep = own.prepare("SELECT pg_sleep(20)").join();
            own.execute("BEGIN").join();
            CompletableFuture<List<Record>> sleeping = sleep.fetch();
            awaitSleeping(own);
            sleeping.cancel(true);
            assertThat(Await.failure(sleeping)).isInstanceOf(java.util.concurrent.CancellationException.class);
            assertThat(Await.failure(own.fetch("SELECT generate_series(0, 100)")))
                    .isInstanceOf(InFailedSqlTransactionException.class);
            own.execute("ROLLBACK").join();
            Integer answer = Await.value(own.inTransaction(c -> c.<Integer>fetchval("SELECT 42")));
            assertThat(answer).isEqualTo(42);
            PreparedStatement thousand = own.prepare("SELECT 1000").join();
            Integer thousandValue = Await.value(own.inTransaction(c -> thousand.<Integer>fetchval()));
            assertThat(thousandValue).isEqualTo(1000);
        }
    }

    @Test
    void cancellingTheFutureOfFetchResultCancelsTheQueryOnTheServer() {
        try (Connection own = Db.connect()) {
            // longer than the bound: only a cancel on the server lets the next call run within it
            CompletableFuture<dev.tusk.QueryResult> sleeping = own.fetchResult("SELECT pg_sleep(60)");
            awaitSleeping(own);
            assertThat(sleeping.cancel(true)).isTrue();
            assertThat(Await.value(own.<Integer>fetchval("SELECT 42"))).isEqualTo(42);
        }
    }

    @Test
    void cancellingAMoveOfACursorCancelsItOnTheServer() {
        try (Connection own = Db.connect()) {
            own.execute("BEGIN").join();
            dev.tusk.Cursor cursor = Await.value(own.cursor("SELECT pg_sleep(60)").open());
            CompletableFuture<Integer> moving = cursor.forward(1);
            awaitSleeping(own);
            assertThat(moving.cancel(true)).isTrue();
            assertThat(Await.failure(own.fetchval("SELECT 42"))).isInstanceOf(InFailedSqlTransactionException.class);
            Await.value(own.execute("ROLLBACK"));
        }
    }

    @Test
    void cancellingARetriedCallCancelsTheRetryOnTheServer() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TEMP TABLE retried (a int, b int); INSERT INTO retried VALUES (1, 2)").join();
            String select = "SELECT *, pg_sleep($1) FROM retried";
            own.fetch(select, 0.0).join();
            // the cached statement is stale: the call runs again with a fresh one, which sleeps
            own.execute("ALTER TABLE retried ALTER COLUMN b SET DATA TYPE text").join();
            CompletableFuture<List<Record>> sleeping = own.fetch(select, 60.0);
            awaitSleeping(own);
            assertThat(sleeping.cancel(true)).isTrue();
            assertThat(Await.value(own.<Integer>fetchval("SELECT 42"))).isEqualTo(42);
        }
    }

    @Test
    void cancellingACompletedCallChangesNothing() {
        CompletableFuture<List<Record>> done = conn.prepare("SELECT 1").join().fetch();
        List<Record> rows = Await.value(done);
        assertThat(done.cancel(true)).isFalse();
        assertThat(done.join()).isEqualTo(rows);
        assertThat(conn.<Integer>fetchval("SELECT 42").join()).isEqualTo(42);
    }

    private static void awaitSleeping(Connection sleeper) {
        try (Connection watcher = Db.connect()) {
            Await.until("the server sleeps", () -> Await.value(watcher.<Long>fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND wait_event = 'PgSleep'",
                    sleeper.getServerPid())) == 1);
        }
    }

    // test_exceptions.py

    @Test
    void anErrorCarriesItsStatePositionAndSeverityWhicheverProtocolRanIt() {
        for (CompletableFuture<?> call : List.of(conn.execute("SELECT * FROM _nonexistent_"),
                conn.fetch("SELECT * FROM _nonexistent_"), conn.fetch("SELECT * FROM _nonexistent_ WHERE $1", true))) {
            Throwable failure = Await.failure(call);
            assertThat(failure).isInstanceOf(dev.tusk.exceptions.UndefinedTableException.class);
            PostgresException e = (PostgresException) failure;
            assertThat(e.getSqlState()).isEqualTo("42P01");
            assertThat(e.getPosition()).isEqualTo(15);
            assertThat(e.getSeverity()).isEqualTo("ERROR");
            assertThat(e.getSeverityNonLocalized()).isEqualTo("ERROR");
        }
    }

    @Test
    void theDetailIsPartOfTheMessage() {
        Throwable failure = Await.failure(conn.execute("CREATE FUNCTION pg_temp.foo() RETURNS bool AS $$ $$ LANGUAGE SQL"));
        assertThat(failure).isInstanceOf(dev.tusk.exceptions.InvalidFunctionDefinitionException.class);
        assertThat(((PostgresException) failure).getDetail()).startsWith("Function's final statement must be SELECT");
        assertThat(failure.getMessage()).contains("\n  Detail: Function's final statement must be SELECT");
    }

    @Test
    void constraintErrorsNameTheirSchemaTableColumnConstraintAndType() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE DOMAIN pg_temp.posint AS int4 CONSTRAINT posint_positive CHECK (VALUE > 0); "
                    + "CREATE TEMP TABLE fields_t (id int NOT NULL, n int CONSTRAINT n_small CHECK (n < 10))").join();
            PostgresException notNull = (PostgresException) Await.failure(own.execute("INSERT INTO fields_t VALUES ($1, $2)", null, 1));
            assertThat(notNull).isInstanceOf(dev.tusk.exceptions.NotNullViolationException.class);
            assertThat(notNull.getSchemaName()).startsWith("pg_temp");
            assertThat(notNull.getTableName()).isEqualTo("fields_t");
            assertThat(notNull.getColumnName()).isEqualTo("id");
            PostgresException check = (PostgresException) Await.failure(own.execute("INSERT INTO fields_t VALUES ($1, $2)", 1, 11));
            assertThat(check).isInstanceOf(dev.tusk.exceptions.CheckViolationException.class);
            assertThat(check.getConstraintName()).isEqualTo("n_small");
            assertThat(check.getTableName()).isEqualTo("fields_t");
            assertThat(check.getDetail()).contains("Failing row contains");
            // a domain's check on a binary parameter runs while the server binds it
            for (int i = 0; i < 2; i++) {
                PostgresException domain = (PostgresException) Await.failure(own.fetchval("SELECT $1::pg_temp.posint", -1));
                assertThat(domain).isInstanceOf(dev.tusk.exceptions.CheckViolationException.class);
                assertThat(domain.getDataTypeName()).isEqualTo("posint");
                assertThat(domain.getConstraintName()).isEqualTo("posint_positive");
                assertThat(Await.value(own.<Integer>fetchval("SELECT $1::pg_temp.posint", 5))).isEqualTo(5);
            }
            assertThat(own.isInTransaction()).isFalse();
        }
    }

    @Test
    void aRaisedErrorCodeChoosesTheExceptionClassAndKeepsTheHint() {
        Throwable unique = Await.failure(conn.execute(
                "DO $$ BEGIN RAISE EXCEPTION 'duplicate statement' USING ERRCODE = '42P05', HINT = 'use another name'; END $$"));
        assertThat(unique).isInstanceOf(dev.tusk.exceptions.DuplicatePreparedStatementException.class);
        assertThat(((PostgresException) unique).getHint()).isEqualTo("use another name");
        Throwable serialization = Await.failure(conn.execute(
                "DO $$ BEGIN RAISE EXCEPTION 'try again' USING ERRCODE = 'serialization_failure'; END $$"));
        assertThat(serialization).isInstanceOf(dev.tusk.exceptions.SerializationFailureException.class);
        assertThat(((PostgresException) serialization).getSqlState()).isEqualTo("40001");
    }

    // test_logging.py

    @Test
    void aQueryLoggerSeesOnlyTheCallsMadeWhileItIsAdded() {
        try (Connection own = Db.connect()) {
            List<LoggedQuery> first = new CopyOnWriteArrayList<>();
            List<LoggedQuery> second = new CopyOnWriteArrayList<>();
            Consumer<LoggedQuery> firstLogger = first::add;
            Consumer<LoggedQuery> secondLogger = second::add;
            own.addQueryLogger(firstLogger);
            own.execute("SELECT 1").join();
            own.addQueryLogger(secondLogger);
            own.execute("SELECT 2").join();
            own.removeQueryLogger(secondLogger);
            own.removeQueryLogger(firstLogger);
            own.execute("SELECT 3").join();
            assertThat(first).extracting(LoggedQuery::query).containsExactly("SELECT 1", "SELECT 2");
            assertThat(second).extracting(LoggedQuery::query).containsExactly("SELECT 2");
            assertThat(first.get(0).args()).isEmpty();
        }
    }

    @Test
    void aQueryLoggerSeesTheErrorAndTheTimeoutOfAFailedCall() {
        try (Connection own = Db.connect()) {
            List<LoggedQuery> logged = new CopyOnWriteArrayList<>();
            own.addQueryLogger(logged::add);
            Await.failure(own.execute("SELECT x"));
            Await.failure(own.fetch(Duration.ofMillis(50), "SELECT pg_sleep(10)"));
            Await.value(own.fetch("SELECT 1"));
            assertThat(logged).hasSize(3);
            assertThat(logged.get(0).exception()).isInstanceOf(dev.tusk.exceptions.UndefinedColumnException.class);
            assertThat(logged.get(1).exception()).isInstanceOf(QueryTimeoutException.class);
            assertThat(logged.get(1).timeout()).isEqualTo(Duration.ofMillis(50));
            assertThat(logged.get(2).exception()).isNull();
        }
    }

    @Test
    void noticesAndWarningsArriveInOrderBeforeTheErrorThatFollowsThem() {
        try (Connection own = Db.connect()) {
            List<PostgresLogMessage> messages = new CopyOnWriteArrayList<>();
            dev.tusk.LogListener listener = (c, message) -> messages.add(message);
            own.addLogListener(listener);
            Throwable failure = Await.failure(own.execute("DO $$ BEGIN RAISE NOTICE 'first'; RAISE WARNING 'second' "
                    + "USING DETAIL = 'some detail'; RAISE EXCEPTION 'third'; END $$"));
            assertThat(failure).isInstanceOf(dev.tusk.exceptions.RaiseException.class);
            assertThat(messages).extracting(PostgresLogMessage::getMessage).containsExactly("first", "second");
            assertThat(messages).extracting(PostgresLogMessage::getSeverityNonLocalized).containsExactly("NOTICE", "WARNING");
            assertThat(messages.get(1).getSqlState()).isEqualTo("01000");
            assertThat(messages.get(1).getDetail()).isEqualTo("some detail");
            own.removeLogListener(listener);
            own.execute("DO $$ BEGIN RAISE NOTICE 'unheard'; END $$").join();
            assertThat(messages).hasSize(2);
        }
    }
}
