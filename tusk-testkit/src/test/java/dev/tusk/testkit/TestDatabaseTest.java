package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    @Test
    void sharedClusterIsStartedOnceWithScramAndSsl() throws IOException {
        TempCluster shared = TestDatabase.shared();
        assertThat(TestDatabase.shared()).isSameAs(shared);
        assertThat(shared.isRunning()).isTrue();
        assertThat(shared.authMethod()).isEqualTo(AuthMethod.SCRAM_SHA_256);
        assertThat(shared.sslEnabled()).isTrue();
        try (WireProbe probe = new WireProbe(shared.host(), shared.port())) {
            assertThat(probe.requestSsl()).isEqualTo('S');
        }
    }

    @Test
    void dsnIsTheEnvironmentsWhenSetElseTheSharedClusters() {
        String external = System.getenv(TestDatabase.DSN_VARIABLE);
        if (external != null && !external.isBlank()) {
            assertThat(TestDatabase.isExternal()).isTrue();
            assertThat(TestDatabase.dsn()).isEqualTo(external);
        } else {
            assertThat(TestDatabase.isExternal()).isFalse();
            assertThat(TestDatabase.dsn()).isEqualTo(TestDatabase.shared().dsn());
        }
    }
}
