package dev.tusk.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.PooledConnection;
import dev.tusk.Tusk;
import dev.tusk.test.Db;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolSharedTypesTest {

    private static boolean lookedUpTypes(PooledConnection connection) {
        return connection.<Long>fetchval(
                "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'tusk\\_%\\_types'").join() > 0;
    }

    @Test
    void aTypeLookedUpByOneConnectionIsKnownToTheOthers() {
        try (var setup = Db.connect()) {
            setup.execute("DROP TYPE IF EXISTS pool_shared_mood; CREATE TYPE pool_shared_mood AS ENUM ('low', 'high')").join();
        }
        Pool pool = Tusk.createPool(PoolOptions.builder().connectOptions(Db.options().build())
                .minSize(2).maxSize(2).build()).join();
        try {
            PooledConnection first = pool.acquire().join();
            PooledConnection second = pool.acquire().join();
            assertThat(first.getServerPid()).isNotEqualTo(second.getServerPid());
            assertThat(first.<Object>fetchval("SELECT ARRAY['high']::pool_shared_mood[]").join()).isEqualTo(List.of("high"));
            assertThat(lookedUpTypes(first)).isTrue();
            first.close();
            second.close();
            // a connection opened after the lookup starts with the type
            pool.expireConnections();
            PooledConnection fresh = pool.acquire().join();
            PooledConnection other = pool.acquire().join();
            for (PooledConnection connection : List.of(fresh, other)) {
                assertThat(connection.<Object>fetchval("SELECT 'low'::pool_shared_mood").join()).isEqualTo("low");
                assertThat(lookedUpTypes(connection)).isFalse();
            }
            fresh.close();
            other.close();
        } finally {
            pool.terminate(); // not close(): it would wait for the connections a failed assertion left lent
            try (var cleanup = Db.connect()) {
                cleanup.execute("DROP TYPE pool_shared_mood").join();
            }
        }
    }
}
