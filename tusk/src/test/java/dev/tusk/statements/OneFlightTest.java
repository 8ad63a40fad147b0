package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.HostAndPort;
import dev.tusk.Record;
import dev.tusk.SslMode;
import dev.tusk.Tusk;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import dev.tusk.testkit.FaultProxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A statement Tusk has described before runs in one flight: everything it needs is written
 * without waiting for a reply. A proxy holds the server's replies to show it: the server runs the
 * statement although the client has received nothing yet.
 */
class OneFlightTest {

    private FaultProxy proxy;
    private Connection observer;
    private String table;

    @BeforeEach
    void setUp() {
        HostAndPort host = Db.options().build().hosts().get(0);
        proxy = FaultProxy.start(host.host(), host.port());
        observer = Db.connect();
        table = "one_flight_" + System.nanoTime();
        observer.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, note text)").join();
    }

    @AfterEach
    void tearDown() {
        proxy.heal();
        observer.execute("DROP TABLE IF EXISTS " + table).join();
        observer.close();
        proxy.close();
    }

    private Connection connect(ConnectOptions.Builder options) {
        return Await.value(Tusk.connect(options.host(proxy.host()).port(proxy.port()).sslMode(SslMode.DISABLE).build()));
    }

    private long rows() {
        return observer.<Long>fetchval("SELECT count(*) FROM " + table).join();
    }

    /** Inserts row 2 while the server's replies are held, and shows that the server ran it. */
    private void secondInsertRunsWhileRepliesAreHeld(Connection conn) {
        String insert = "INSERT INTO " + table + " VALUES ($1, $2)";
        Await.value(conn.execute(insert, 1, "first"));

        proxy.hold(FaultProxy.Direction.TO_CLIENT);
        CompletableFuture<String> second = conn.execute(insert, 2, "second");
        Await.until("the server to insert row 2 before the client got any reply", () -> rows() == 2);
        assertThat(second).as("the call cannot complete while its replies are held").isNotDone();
        proxy.release(FaultProxy.Direction.TO_CLIENT);

        assertThat(Await.value(second)).isEqualTo("INSERT 0 1");
    }

    @Test
    void aCachedStatementRunsInOneFlight() {
        try (Connection conn = connect(Db.options())) {
            secondInsertRunsWhileRepliesAreHeld(conn);
        }
    }

    @Test
    void withTheCacheDisabledARememberedStatementRunsInOneFlightUnnamed() {
        try (Connection conn = connect(Db.options().statementCacheSize(0))) {
            secondInsertRunsWhileRepliesAreHeld(conn);
            assertThat(Await.value(conn.<Long>fetchval("SELECT count(*) FROM pg_prepared_statements"))).isZero();
            List<Record> back = Await.value(conn.fetch("SELECT id, note FROM " + table + " WHERE id > $1 ORDER BY id", 0));
            List<Record> again = Await.value(conn.fetch("SELECT id, note FROM " + table + " WHERE id > $1 ORDER BY id", 1));
            assertThat(back).extracting(r -> r.get("note")).containsExactly("first", "second");
            assertThat(again).extracting(r -> r.get("id")).containsExactly(2);
        }
    }

    @Test
    void anAddedColumnIsSeenByTheNextRunOfARememberedStatement() {
        try (Connection conn = connect(Db.options().statementCacheSize(0))) {
            Await.value(conn.execute("INSERT INTO " + table + " VALUES ($1, $2)", 7, "seven"));
            String select = "SELECT * FROM " + table + " WHERE id = $1";
            assertThat(Await.value(conn.fetchrow(select, 7)).size()).isEqualTo(2);

            observer.execute("ALTER TABLE " + table + " ADD COLUMN extra int8 DEFAULT 42").join();

            Record row = Await.value(conn.fetchrow(select, 7));
            assertThat(row.size()).isEqualTo(3);
            assertThat(row.get("extra")).isEqualTo(42L);
            assertThat(Await.value(conn.fetchrow(select, 7)).get("extra")).isEqualTo(42L);
        }
    }

    @Test
    void aChangedColumnTypeIsReadWithTheNewType() {
        try (Connection conn = connect(Db.options().statementCacheSize(0))) {
            Await.value(conn.execute("INSERT INTO " + table + " VALUES ($1, $2)", 3, "three"));
            String select = "SELECT id FROM " + table;
            assertThat(Await.value(conn.<Object>fetchval(select))).isEqualTo(3);

            observer.execute("ALTER TABLE " + table + " ALTER COLUMN id TYPE int8").join();

            assertThat(Await.value(conn.<Object>fetchval(select))).isEqualTo(3L);
            assertThat(Await.value(conn.<Object>fetchval(select))).isEqualTo(3L);
        }
    }

    @Test
    void aColumnChangedToATypeWithoutBinaryOutputIsReadAsText() {
        try (Connection conn = connect(Db.options().statementCacheSize(0))) {
            String select = "SELECT note FROM " + table;
            assertThat(Await.value(conn.fetch(select))).isEmpty();

            observer.execute("DROP TABLE " + table).join();
            observer.execute("CREATE TABLE " + table + " (note aclitem)").join();
            observer.execute("INSERT INTO " + table + " VALUES (makeaclitem(10, 10, 'SELECT', false))").join();

            Object acl = Await.value(conn.fetchval(select));
            assertThat(acl).isInstanceOf(String.class);
            assertThat((String) acl).contains("=r/");
        }
    }

    @Test
    void inATransactionAStatementThatChangedFailsAndTheNextRunWorks() {
        try (Connection conn = connect(Db.options().statementCacheSize(0))) {
            Await.value(conn.execute("INSERT INTO " + table + " VALUES ($1, $2)", 5, "five"));
            String select = "SELECT * FROM " + table + " WHERE id = $1";
            assertThat(Await.value(conn.fetchrow(select, 5)).size()).isEqualTo(2);
            observer.execute("ALTER TABLE " + table + " ADD COLUMN extra int4").join();

            Await.value(conn.execute("BEGIN"));
            Throwable failure = Await.failure(conn.fetchrow(select, 5));
            assertThat(failure).hasMessageContaining("result formats");
            Await.value(conn.execute("ROLLBACK"));

            assertThat(Await.value(conn.fetchrow(select, 5)).size()).isEqualTo(3);
        }
    }
}
