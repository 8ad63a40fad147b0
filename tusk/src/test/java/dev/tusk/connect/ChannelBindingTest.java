package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.connectsWithTls;
import static dev.tusk.connect.ConnectTesting.failure;
import static dev.tusk.connect.ConnectTesting.optionsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ChannelBinding;
import dev.tusk.Connection;
import dev.tusk.SslMode;
import dev.tusk.testkit.TempCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SCRAM-SHA-256-PLUS over TLS and libpq's channel_binding: require succeeds only with a binding
 * to the TLS channel, and refuses every way of logging in that cannot bind.
 */
class ChannelBindingTest {

    private static TempCluster cluster;

    @BeforeAll
    static void startServer() {
        cluster = TempCluster.builder().ssl(true)
                .hbaLine("host all cleartext_user 127.0.0.1/32 password")
                .hbaLine("host all trusted_user 127.0.0.1/32 trust")
                .start();
        try (Connection admin = connect(optionsFor(cluster).sslMode(SslMode.REQUIRE).build())) {
            admin.execute("CREATE ROLE cleartext_user LOGIN PASSWORD 'cleartext-pw'").join();
            admin.execute("CREATE ROLE trusted_user LOGIN").join();
        }
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void requireSucceedsOverTlsWithScramSha256Plus() {
        assertThat(connectsWithTls(optionsFor(cluster).sslMode(SslMode.REQUIRE)
                .channelBinding(ChannelBinding.REQUIRE).build())).isTrue();
        assertThat(connectsWithTls(optionsFor(cluster).sslMode(SslMode.VERIFY_FULL).sslRootCert(cluster.caCertPath())
                .channelBinding(ChannelBinding.REQUIRE).build())).isTrue();
    }

    @Test
    void requireFailsWithoutTls() {
        Throwable failure = failure(optionsFor(cluster).sslMode(SslMode.DISABLE)
                .channelBinding(ChannelBinding.REQUIRE).build());
        assertThat(failure).hasMessageContaining("channel binding is required");
    }

    @Test
    void disableAndPreferLogInWithScramOverTls() {
        assertThat(connectsWithTls(optionsFor(cluster).sslMode(SslMode.REQUIRE)
                .channelBinding(ChannelBinding.DISABLE).build())).isTrue();
        assertThat(connectsWithTls(optionsFor(cluster).sslMode(SslMode.REQUIRE)
                .channelBinding(ChannelBinding.PREFER).build())).isTrue();
    }

    @Test
    void preferLogsInWithPlainScramWithoutTls() {
        assertThat(connectsWithTls(optionsFor(cluster).sslMode(SslMode.DISABLE).build())).isFalse();
    }

    @Test
    void requireRefusesACleartextPasswordRequestEvenOverTls() {
        Throwable failure = failure(optionsFor(cluster).sslMode(SslMode.REQUIRE).user("cleartext_user")
                .password("cleartext-pw").channelBinding(ChannelBinding.REQUIRE).build());
        assertThat(failure).hasMessageContaining("channel binding is required");
        SecretsInMessages.assertAbsent(failure, "cleartext-pw");
    }

    @Test
    void requireRefusesAServerThatLetsTheClientInWithoutAuthentication() {
        Throwable failure = failure(optionsFor(cluster).sslMode(SslMode.REQUIRE).user("trusted_user")
                .channelBinding(ChannelBinding.REQUIRE).build());
        assertThat(failure).hasMessageContaining("channel binding is required");
    }

    @Test
    void withoutChannelBindingATrustedUserLogsIn() {
        assertThat(connectsWithTls(optionsFor(cluster).sslMode(SslMode.REQUIRE).user("trusted_user").build())).isTrue();
    }
}
