package dev.tusk.statements;

import static dev.tusk.test.Await.failure;
import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.exceptions.InvalidSqlStatementNameException;
import dev.tusk.test.Db;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prepared statements behind a pooler that runs each transaction on another server session
 * (PgBouncer in transaction mode without its own statement tracking). Such a pooler is simulated
 * here the only way one server allows: the session's statements are dropped inside a function, so
 * that the connection does not see a DEALLOCATE ALL go by, exactly as it does not see the pooler
 * move it to a session that never had them.
 */
class PoolerStatementsTest {

    @BeforeAll
    static void createTypes() {
        try (Connection conn = Db.connect()) {
            value(conn.execute("DROP TYPE IF EXISTS pooler_mood, pooler_size"));
            value(conn.execute("CREATE TYPE pooler_mood AS ENUM ('sad', 'happy')"));
            value(conn.execute("CREATE TYPE pooler_size AS ENUM ('small', 'large')"));
        }
    }

    @AfterAll
    static void dropTypes() {
        try (Connection conn = Db.connect()) {
            value(conn.execute("DROP TYPE IF EXISTS pooler_mood, pooler_size"));
        }
    }

    @Test
    void everyConnectionNamesItsStatementsItsOwnWay() {
        try (Connection first = Db.connect(); Connection second = Db.connect()) {
            String sql = "SELECT $1::int + 1";
            assertThat(value(first.<Integer>fetchval(sql, 1))).isEqualTo(2);
            assertThat(value(second.<Integer>fetchval(sql, 1))).isEqualTo(2);
            Set<String> firstNames = namedStatements(first);
            Set<String> secondNames = namedStatements(second);
            assertThat(firstNames).isNotEmpty().allMatch(name -> name.startsWith("tusk_"));
            assertThat(secondNames).isNotEmpty().allMatch(name -> name.startsWith("tusk_"));
            // a name reaching another client's session through a pooler finds nothing rather than its statement
            assertThat(firstNames).doesNotContainAnyElementsOf(secondNames);
            assertThat(prefixes(firstNames)).hasSize(1);
            assertThat(prefixes(secondNames)).hasSize(1).doesNotContainAnyElementsOf(prefixes(firstNames));
        }
    }

    @Test
    void aStatementTheServerLostUnseenTurnsTheCacheOffAndTheCallStillSucceeds() {
        try (Connection conn = Db.connect()) {
            String sql = "SELECT $1::int + 1";
            assertThat(value(conn.<Integer>fetchval(sql, 1))).isEqualTo(2);
            assertThat(value(conn.<Integer>fetchval(sql, 2))).isEqualTo(3);
            dropStatementsUnseen(conn);

            assertThat(value(conn.<Integer>fetchval(sql, 3))).isEqualTo(4);
            for (int i = 0; i < 5; i++) {
                assertThat(value(conn.<Integer>fetchval(sql, i))).isEqualTo(i + 1);
            }
            value(conn.execute("CREATE TEMP TABLE pooled_rows (id int, name text)"));
            value(conn.executemany("INSERT INTO pooled_rows VALUES ($1, $2)",
                    List.of(List.of(1, "one"), List.of(2, "two"), List.of(3, "three"))));
            assertThat(value(conn.<Long>fetchval("SELECT count(*) FROM pooled_rows WHERE id <= $1", 3))).isEqualTo(3L);
            // unnamed statements only from now on: the next session a pooler picks needs none
            assertThat(namedStatements(conn)).isEmpty();
        }
    }

    @Test
    void deallocateAllAndDiscardAllAreSeenAndTheCacheStaysOn() {
        try (Connection conn = Db.connect()) {
            String sql = "SELECT $1::int * 2";
            for (String drop : List.of("DEALLOCATE ALL", "DISCARD ALL")) {
                assertThat(value(conn.<Integer>fetchval(sql, 2))).isEqualTo(4);
                assertThat(value(conn.execute(drop))).isEqualTo(drop);
                // no error to recover from: the cache knows its statements are gone and prepares afresh
                assertThat(value(conn.<Integer>fetchval(sql, 3))).isEqualTo(6);
                assertThat(namedStatements(conn)).isNotEmpty();
            }
        }
    }

    @Test
    void insideATransactionTheLossFailsTheCallAndTheCacheIsOffAfterwards() {
        try (Connection conn = Db.connect()) {
            String sql = "SELECT $1::int + 10";
            assertThat(value(conn.<Integer>fetchval(sql, 1))).isEqualTo(11);
            value(conn.execute("BEGIN"));
            dropStatementsUnseen(conn);
            // the transaction is failed by then: running the call again is the caller's decision
            assertThat(failure(conn.<Integer>fetchval(sql, 2))).isInstanceOf(InvalidSqlStatementNameException.class);
            value(conn.execute("ROLLBACK"));

            assertThat(value(conn.<Integer>fetchval(sql, 3))).isEqualTo(13);
            assertThat(namedStatements(conn)).isEmpty();
        }
    }

    @Test
    void aTypeLookupOnceTheCacheIsOffParsesAndClosesItsStatementInItsFlight() {
        try (Connection conn = Db.connect()) {
            assertThat(value(conn.<Integer>fetchval("SELECT $1::int + 1", 1))).isEqualTo(2);
            dropStatementsUnseen(conn);
            assertThat(value(conn.<Integer>fetchval("SELECT $1::int + 1", 1))).isEqualTo(2);

            assertThat(value(conn.<String>fetchval("SELECT $1::pooler_mood::text", "happy"))).isEqualTo("happy");
            assertThat(value(conn.<Object>fetchval("SELECT 'large'::pooler_size"))).isEqualTo("large");
            assertThat(namedStatements(conn)).isEmpty();
        }
    }

    @Test
    void aTypeLookupThatBindsALostStatementTurnsTheCacheOffAndTheCallStillSucceeds() {
        try (Connection conn = Db.connect()) {
            // the first lookup parses its statement, which the connection keeps for the next ones
            assertThat(value(conn.<String>fetchval("SELECT $1::pooler_mood::text", "sad"))).isEqualTo("sad");
            dropStatementsUnseen(conn);

            assertThat(value(conn.<Object>fetchval("SELECT 'small'::pooler_size"))).isEqualTo("small");
            assertThat(namedStatements(conn)).isEmpty();
        }
    }

    /** Drops the session's prepared statements where the connection cannot see it happen. */
    private static void dropStatementsUnseen(Connection conn) {
        value(conn.execute("CREATE OR REPLACE FUNCTION pg_temp.drop_statements() RETURNS void LANGUAGE plpgsql"
                + " AS $$ BEGIN EXECUTE 'DEALLOCATE ALL'; END $$"));
        assertThat(value(conn.execute("SELECT pg_temp.drop_statements()"))).isEqualTo("SELECT 1");
    }

    /** The session's named prepared statements (with the cache on, this query's own is among them). */
    private static Set<String> namedStatements(Connection conn) {
        List<Record> rows = value(conn.fetch("SELECT name FROM pg_prepared_statements"));
        return rows.stream().map(row -> (String) row.get(0)).collect(Collectors.toSet());
    }

    private static Set<String> prefixes(Set<String> names) {
        return names.stream().map(name -> name.substring(0, name.lastIndexOf('_') + 1)).collect(Collectors.toSet());
    }
}
