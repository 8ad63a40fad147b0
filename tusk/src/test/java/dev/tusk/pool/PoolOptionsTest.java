package dev.tusk.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.ConnectOptions;
import dev.tusk.PoolOptions;
import dev.tusk.exceptions.InterfaceException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolOptionsTest {

    private static PoolOptions.Builder builder() {
        return PoolOptions.builder().connectOptions(
                ConnectOptions.builder().useEnvironment(false).host("db.example.com").user("app").password("s3cret").build());
    }

    @Test
    void defaultsFollowAsyncpgAndHikari() {
        PoolOptions options = builder().build();
        assertThat(options.minSize()).isEqualTo(10);
        assertThat(options.maxSize()).isEqualTo(10);
        assertThat(options.maxQueries()).isEqualTo(50_000);
        assertThat(options.maxInactiveConnectionLifetime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(options.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(options.acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.leakDetectionThreshold()).isZero();
        assertThat(options.setup()).isNull();
        assertThat(options.init()).isNull();
    }

    @Test
    void impossibleValuesFailWithAMessageNamingTheOption() {
        assertThatThrownBy(() -> builder().maxSize(0)).isInstanceOf(InterfaceException.class)
                .hasMessage("maxSize: 0 (expected: >= 1)");
        assertThatThrownBy(() -> builder().minSize(-1)).hasMessage("minSize: -1 (expected: >= 0)");
        assertThatThrownBy(() -> builder().maxQueries(0)).hasMessage("maxQueries: 0 (expected: >= 1)");
        assertThatThrownBy(() -> builder().acquireTimeout(Duration.ZERO)).hasMessage("acquireTimeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> builder().maxLifetime(Duration.ofSeconds(-1)))
                .hasMessage("maxLifetime: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> builder().maxInactiveConnectionLifetime(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("maxInactiveConnectionLifetime: ");
        assertThatThrownBy(() -> builder().leakDetectionThreshold(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("leakDetectionThreshold: ");
        assertThatThrownBy(() -> builder().minSize(11).maxSize(10).build())
                .hasMessage("minSize: 11 (expected: <= maxSize 10)");
        assertThatThrownBy(() -> PoolOptions.builder().build()).hasMessageStartingWith("connectOptions: not set");
    }

    @Test
    void toStringMasksThePasswordEvenFromADsn() {
        assertThat(builder().build().toString()).doesNotContain("s3cret").contains("password=***");
        PoolOptions fromDsn = PoolOptions.builder().dsn("postgresql://app:hunter2@db.example.com/app").build();
        assertThat(fromDsn.toString()).doesNotContain("hunter2").contains("minSize=10");
    }
}
