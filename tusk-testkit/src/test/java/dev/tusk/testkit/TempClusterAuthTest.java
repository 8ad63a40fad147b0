package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TempClusterAuthTest {

    @Test
    void md5ClusterWritesMd5HostLinesAndAcceptsTheMd5Password() throws IOException {
        try (TempCluster cluster = TempCluster.builder().authMethod(AuthMethod.MD5).password("s3cret").start()) {
            assertThat(Files.readAllLines(cluster.hbaFile()))
                    .contains("host all all 127.0.0.1/32 md5", "local all all trust");
            assertThat(Files.readString(cluster.dataDirectory().resolve("tusk.conf")))
                    .contains("password_encryption = 'md5'");
            try (WireProbe probe = new WireProbe(cluster.host(), cluster.port())) {
                assertThat(probe.startUp("postgres")).isEqualTo(WireProbe.AUTH_MD5);
                assertThat(probe.answerMd5("postgres", "s3cret")).isEqualTo(WireProbe.AUTH_OK);
            }
            try (WireProbe probe = new WireProbe(cluster.host(), cluster.port())) {
                probe.startUp("postgres");
                assertThat(probe.answerMd5("postgres", "wrong")).isEqualTo(-1);
            }
        }
    }

    @Test
    void passwordClusterAcceptsTheClearTextPasswordOfACustomSuperuser() throws IOException {
        try (TempCluster cluster = TempCluster.builder().authMethod(AuthMethod.PASSWORD)
                .superuser("tusk admin").password("pä:ss@/wörd").start()) {
            assertThat(cluster.dsn()).isEqualTo("postgresql://tusk%20admin:p%C3%A4%3Ass%40%2Fw%C3%B6rd@127.0.0.1:"
                    + cluster.port() + "/postgres");
            try (WireProbe probe = new WireProbe(cluster.host(), cluster.port())) {
                assertThat(probe.startUp("tusk admin")).isEqualTo(WireProbe.AUTH_CLEARTEXT);
                assertThat(probe.answerCleartext("pä:ss@/wörd")).isEqualTo(WireProbe.AUTH_OK);
            }
        }
    }

    @Test
    void extraHbaLinesComeFirstAndExtraSettingsOverrideTheKits() throws IOException {
        try (TempCluster cluster = TempCluster.builder().authMethod(AuthMethod.TRUST)
                .hbaLine("host all nobody_here 127.0.0.1/32 reject")
                .setting("max_connections", "50")
                .setting("application_name", "it's quoted").start()) {
            assertThat(Files.readAllLines(cluster.hbaFile()))
                    .containsSubsequence("host all nobody_here 127.0.0.1/32 reject", "host all all 127.0.0.1/32 trust");
            String settings = Files.readString(cluster.dataDirectory().resolve("tusk.conf"));
            assertThat(settings).contains("max_connections = '50'").doesNotContain("max_connections = '200'")
                    .contains("application_name = 'it''s quoted'");
            try (WireProbe probe = new WireProbe(cluster.host(), cluster.port())) {
                assertThat(probe.startUp(cluster.user())).isEqualTo(WireProbe.AUTH_OK);
            }
        }
    }
}
