package dev.tusk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.exceptions.ClientCannotConnectException;
import dev.tusk.exceptions.InvalidAuthorizationSpecificationException;
import dev.tusk.exceptions.InvalidCatalogNameException;
import dev.tusk.exceptions.InvalidPasswordException;
import dev.tusk.testkit.AuthMethod;
import dev.tusk.testkit.TempCluster;
import java.net.ServerSocket;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private static final String PASSWORD = "s3cret-Pässword";

    private static ConnectOptions.Builder optionsFor(TempCluster cluster) {
        return ConnectOptions.builder()
                .useEnvironment(false)
                .host(cluster.host())
                .port(cluster.port())
                .user(cluster.user())
                .database(cluster.database())
                .sslMode(SslMode.DISABLE);
    }

    @ParameterizedTest
    @EnumSource(value = AuthMethod.class, names = {"TRUST", "PASSWORD", "MD5", "SCRAM_SHA_256"})
    void connectsWithEachPasswordAuthenticationMethod(AuthMethod method) {
        try (TempCluster cluster = TempCluster.builder().authMethod(method).password(PASSWORD).start()) {
            try (Connection conn = Tusk.connect(optionsFor(cluster).password(PASSWORD).build()).join()) {
                assertThat(conn.<Integer>fetchval("SELECT 1 + $1::int4", 41).join()).isEqualTo(42);
                assertThat(conn.getServerPid()).isPositive();
                assertThat(conn.getServerVersion().major()).isGreaterThanOrEqualTo(12);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = AuthMethod.class, names = {"PASSWORD", "MD5", "SCRAM_SHA_256"})
    void aWrongPasswordFailsWithInvalidPasswordAndNeverShowsThePassword(AuthMethod method) {
        try (TempCluster cluster = TempCluster.builder().authMethod(method).password(PASSWORD).start()) {
            String wrong = "not-the-Password-123";
            assertThatThrownBy(() -> Tusk.connect(optionsFor(cluster).password(wrong).build()).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(InvalidPasswordException.class)
                    .hasMessageContaining("password authentication failed")
                    .hasMessageContaining("28P01")
                    .hasMessageNotContaining(wrong);
        }
    }

    @Test
    void aMissingPasswordIsNamedAsTheCause() {
        try (TempCluster cluster = TempCluster.builder().authMethod(AuthMethod.SCRAM_SHA_256).password(PASSWORD).start()) {
            assertThatThrownBy(() -> Tusk.connect(optionsFor(cluster).build()).join())
                    .cause()
                    .hasMessageContaining("none was supplied");
        }
    }

    @Test
    void anUnknownDatabaseFailsWithInvalidCatalogName() {
        try (TempCluster cluster = TempCluster.builder().authMethod(AuthMethod.SCRAM_SHA_256).password(PASSWORD).start()) {
            assertThatThrownBy(() -> Tusk.connect(optionsFor(cluster).password(PASSWORD).database("no_such_db").build()).join())
                    .cause()
                    .isInstanceOf(InvalidCatalogNameException.class)
                    .hasMessageContaining("no_such_db")
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void aRefusedPortFailsWithClientCannotConnectNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectOptions options = ConnectOptions.builder().useEnvironment(false).host("127.0.0.1").port(port)
                .user("nobody").password("pw-never-shown").sslMode(SslMode.DISABLE).build();
        assertThatThrownBy(() -> Tusk.connect(options).join())
                .cause()
                .isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageNotContaining("pw-never-shown");
    }

    @Test
    void aDsnWithTheWrongPasswordNeverEchoesIt() {
        try (TempCluster cluster = TempCluster.builder().authMethod(AuthMethod.MD5).password(PASSWORD).start()) {
            String dsn = "postgresql://" + cluster.user() + ":dsn-secret-XYZ@" + cluster.host() + ":" + cluster.port()
                    + "/" + cluster.database() + "?sslmode=disable";
            assertThatThrownBy(() -> Tusk.connect(dsn).join())
                    .cause()
                    .isInstanceOf(InvalidAuthorizationSpecificationException.class)
                    .hasMessageNotContaining("dsn-secret-XYZ");
        }
    }
}
