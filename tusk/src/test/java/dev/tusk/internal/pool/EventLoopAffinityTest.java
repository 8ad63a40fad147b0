package dev.tusk.internal.pool;

import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.PooledConnection;
import dev.tusk.Tusk;
import dev.tusk.internal.connection.PgConnection;
import dev.tusk.test.Db;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * An acquire made on a connection's event loop (a call chained on another's completion) takes an
 * idle connection of that loop when one is among the most recently released, so its call is
 * written without waking another thread; an acquire from any other thread takes the most
 * recently released connection.
 */
class EventLoopAffinityTest {

    private static final int SIZE = 4;

    @Test
    void anAcquireOnAnEventLoopTakesAnIdleConnectionOfThatLoop() {
        try (Pool pool = value(Tusk.createPool(PoolOptions.builder().connectOptions(Db.options().build())
                .minSize(SIZE).maxSize(SIZE).build()))) {
            List<PooledConnection> lent = new ArrayList<>();
            for (int i = 0; i < SIZE; i++) {
                lent.add(value(pool.acquire()));
            }
            PgConnection first = underlying(lent.get(0));
            PgConnection last = underlying(lent.get(SIZE - 1));
            for (PooledConnection connection : lent) {
                value(connection.closeAsync());   // the first released is now the deepest idle one
            }

            PooledConnection fromTestThread = value(pool.acquire());
            assertThat(underlying(fromTestThread)).as("off any loop: the most recently released").isSameAs(last);
            value(fromTestThread.closeAsync());

            CompletableFuture<Boolean> onItsLoop = new CompletableFuture<>();
            first.scheduleOnEventLoop(() -> pool.acquire().whenComplete((acquired, failure) -> {
                if (failure != null) {
                    onItsLoop.completeExceptionally(failure);
                    return;
                }
                boolean sameLoop = underlying(acquired).inEventLoop();
                acquired.closeAsync().whenComplete((released, ignored) -> onItsLoop.complete(sameLoop));
            }), 0);
            assertThat(value(onItsLoop)).as("the connection lent on an event loop runs on that loop").isTrue();
        }
    }

    private static PgConnection underlying(PooledConnection connection) {
        return (PgConnection) ((PooledConnectionProxy) connection).connectionOrNull();
    }
}
