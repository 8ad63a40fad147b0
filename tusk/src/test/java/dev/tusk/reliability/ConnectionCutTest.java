package dev.tusk.reliability;

import static dev.tusk.reliability.Outcomes.assertConnectionFailure;
import static dev.tusk.reliability.Outcomes.failure;
import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.testkit.FaultProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The network between Tusk and the server breaks while calls are in flight. */
class ConnectionCutTest {

    private static final String APP = "tusk-reliability-cut";

    private FaultProxy proxy;

    @BeforeEach
    void startProxy() {
        proxy = SharedServer.proxy();
    }

    @AfterEach
    void noSessionLeft() {
        proxy.close();
        ServerSessions.assertNoneLeft(SharedServer.direct(), APP);
    }

    private Connection connect() {
        return value(Tusk.connect(SharedServer.through(proxy, APP).build()));
    }

    @Test
    void cutMidQueryFailsTheCallWithAConnectionExceptionAndClosesTheConnectionOnce() {
        Connection conn = connect();
        AtomicInteger closeListenerRuns = new AtomicInteger();
        CompletableFuture<Void> closeListener = conn.onClose().thenRun(closeListenerRuns::incrementAndGet);
        proxy.afterServerBytes(20_000, proxy::cut);

        CompletableFuture<?> rows = conn.fetch("SELECT g, repeat('x', 100) FROM generate_series(1, 100000) g");

        assertConnectionFailure(failure(rows));
        value(closeListener);
        assertThat(conn.isClosed()).isTrue();
        assertThat(closeListenerRuns).hasValue(1);
        assertConnectionFailure(failure(conn.fetchval("SELECT 1")));
        conn.close();
    }

    @Test
    void cutMidStreamEndsTheStreamWithAConnectionException() {
        Connection conn = connect();
        proxy.afterServerBytes(20_000, proxy::cut);
        CompletableFuture<Throwable> subscriberSaw = new CompletableFuture<>();
        AtomicInteger rows = new AtomicInteger();

        CompletableFuture<String> status = conn.streamTo(new Flow.Subscriber<Record>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Record row) {
                rows.incrementAndGet();
            }

            @Override
            public void onError(Throwable error) {
                subscriberSaw.complete(error);
            }

            @Override
            public void onComplete() {
                subscriberSaw.complete(null);
            }
        }, "SELECT g, repeat('x', 100) FROM generate_series(1, 100000) g");

        assertConnectionFailure(failure(status));
        assertConnectionFailure(value(subscriberSaw));
        assertThat(rows.get()).isLessThan(100_000);
        value(conn.onClose());
    }

    @Test
    void cutWhileAStreamWaitsForDemandEndsItOnceTheSubscriberAsksForMore() {
        Connection conn = connect();
        CompletableFuture<Flow.Subscription> firstRow = new CompletableFuture<>();
        CompletableFuture<Throwable> subscriberSaw = new CompletableFuture<>();

        CompletableFuture<String> status = conn.streamTo(new Flow.Subscriber<Record>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(Record row) {
                firstRow.complete(subscription);
            }

            @Override
            public void onError(Throwable error) {
                subscriberSaw.complete(error);
            }

            @Override
            public void onComplete() {
                subscriberSaw.complete(null);
            }
        }, "SELECT generate_series(1, 5000000) AS g, repeat('x', 100)");
        Flow.Subscription subscription = value(firstRow);
        proxy.cut();
        subscription.request(Long.MAX_VALUE);

        assertConnectionFailure(failure(status));
        assertConnectionFailure(value(subscriberSaw));
        value(conn.onClose());
    }

    @Test
    void resetMidQueryFailsTheCallWithAConnectionException() {
        Connection conn = connect();
        proxy.afterServerBytes(20_000, proxy::reset);

        CompletableFuture<?> rows = conn.fetch("SELECT g, repeat('x', 100) FROM generate_series(1, 100000) g");

        assertConnectionFailure(failure(rows));
        value(conn.onClose());
        assertThat(conn.isClosed()).isTrue();
    }

    @Test
    void cutOfTheServerToClientDirectionAloneFailsTheCall() {
        Connection conn = connect();
        proxy.afterServerBytes(20_000, () -> proxy.cut(FaultProxy.Direction.TO_CLIENT));

        CompletableFuture<?> rows = conn.fetch("SELECT g, repeat('x', 100) FROM generate_series(1, 100000) g");

        assertConnectionFailure(failure(rows));
        value(conn.onClose());
        assertThat(conn.isClosed()).isTrue();
    }

    @Test
    void cutMidTransactionFailsTheCallAndTheServerRollsTheTransactionBack() {
        String table = "cut_mid_transaction";
        try (Connection direct = value(Tusk.connect(SharedServer.direct().applicationName(APP).build()))) {
            value(direct.execute("DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " (id int)"));
            Connection conn = connect();
            value(conn.execute("BEGIN"));
            value(conn.execute("INSERT INTO " + table + " VALUES ($1)", 1));
            assertThat(conn.isInTransaction()).isTrue();

            proxy.cut();
            assertConnectionFailure(failure(conn.execute("INSERT INTO " + table + " VALUES ($1)", 2)));
            assertConnectionFailure(failure(conn.execute("COMMIT")));

            assertThat(conn.isClosed()).isTrue();
            Outcomes.eventually("the server ended the cut session", () -> ServerSessions.count(SharedServer.direct(), APP) == 1);
            assertThat(value(direct.<Long>fetchval("SELECT count(*) FROM " + table))).isZero();
            value(direct.execute("DROP TABLE " + table));
        }
    }

    @Test
    void everyOneOfAThousandPipelinedCallsCompletesWhenTheConnectionIsCutHalfway() {
        Connection conn = connect();
        value(conn.fetchval("SELECT $1::int", 0)); // the statement is prepared: each call is one small flight
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        proxy.afterServerBytes(500 * 40, proxy::cut);

        for (int i = 1; i <= 1000; i++) {
            calls.add(conn.fetchval("SELECT $1::int", i));
        }

        int succeeded = 0;
        boolean failedBefore = false;
        for (int i = 0; i < calls.size(); i++) {
            CompletableFuture<Integer> call = calls.get(i);
            Outcomes.settled(call);
            if (call.isCompletedExceptionally()) {
                assertConnectionFailure(failure(call));
                failedBefore = true;
            } else {
                assertThat(failedBefore).as("call %d succeeded after an earlier one failed", i + 1).isFalse();
                assertThat(call.join()).isEqualTo(i + 1);
                succeeded++;
            }
        }
        assertThat(succeeded).isBetween(1, 999);
        assertThat(conn.isClosed()).isTrue();
    }

    @Test
    void serverClosingTheSocketBeforeStartupFailsTheConnectWithAConnectionException() {
        proxy.afterServerBytes(1, proxy::cut);

        Throwable failure = failure(Tusk.connect(SharedServer.through(proxy, APP).build()));

        assertConnectionFailure(failure);
    }
}
