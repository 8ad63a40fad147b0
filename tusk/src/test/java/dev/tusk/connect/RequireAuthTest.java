package dev.tusk.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.AuthenticationMethod;
import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.SslMode;
import dev.tusk.Tusk;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.InvalidAuthorizationSpecificationException;
import dev.tusk.testkit.AuthMethod;
import dev.tusk.testkit.TempCluster;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libpq's {@code require_auth}: the connection refuses an authentication method it was not told
 * to expect, before it answers the server, and insists on an exchange unless {@code none} is allowed.
 * One server, one role per method ({@code pg_hba.conf} picks the method by role).
 */
class RequireAuthTest {

    private static final String PASSWORD = "require-auth-Pw1";
    private static TempCluster cluster;

    @BeforeAll
    static void startServerWithARolePerMethod() {
        cluster = TempCluster.builder().authMethod(AuthMethod.SCRAM_SHA_256).password(PASSWORD)
                .hbaLine("host all r_trust all trust")
                .hbaLine("host all r_password all password")
                .hbaLine("host all r_md5 all md5")
                .hbaLine("host all r_scram all scram-sha-256")
                .start();
        try (Connection admin = Tusk.connect(options("").user(cluster.user()).build()).join()) {
            admin.execute("CREATE ROLE r_trust LOGIN; CREATE ROLE r_password LOGIN PASSWORD '" + PASSWORD + "';"
                    + " CREATE ROLE r_scram LOGIN PASSWORD '" + PASSWORD + "';"
                    + " SET password_encryption = 'md5'; CREATE ROLE r_md5 LOGIN PASSWORD '" + PASSWORD + "'").join();
        }
    }

    @AfterAll
    static void stopServer() {
        cluster.close();
    }

    private static ConnectOptions.Builder options(String requireAuth) {
        return ConnectOptions.builder().useEnvironment(false)
                .dsn(requireAuth.isEmpty() ? null : "require_auth='" + requireAuth + "'")
                .host(cluster.host()).port(cluster.port()).database(cluster.database())
                .password(PASSWORD).sslMode(SslMode.DISABLE);
    }

    private static String connectAs(String role, String requireAuth) {
        try (Connection connection = Tusk.connect(options(requireAuth).user(role).build()).join()) {
            return connection.fetchval("SELECT current_user").join().toString();
        }
    }

    private static void assertRefused(String role, String requireAuth, String reason) {
        assertThatThrownBy(() -> connectAs(role, requireAuth))
                .cause()
                .isInstanceOf(InvalidAuthorizationSpecificationException.class)
                .hasMessageContaining("authentication method requirement \"" + requireAuth + "\" failed: " + reason)
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void withoutRequireAuthEveryMethodIsAccepted() {
        for (String role : new String[] {"r_trust", "r_password", "r_md5", "r_scram"}) {
            assertThat(connectAs(role, "")).isEqualTo(role);
        }
    }

    @Test
    void scramOnlyRefusesEveryOtherMethodAndTrust() {
        assertThat(connectAs("r_scram", "scram-sha-256")).isEqualTo("r_scram");
        assertRefused("r_password", "scram-sha-256", "server requested a cleartext password");
        assertRefused("r_md5", "scram-sha-256", "server requested a hashed password");
        assertRefused("r_trust", "scram-sha-256", "server did not complete authentication");
    }

    @Test
    void aNegatedListRefusesOnlyWhatItNames() {
        assertRefused("r_password", "!password", "server requested a cleartext password");
        assertThat(connectAs("r_md5", "!password")).isEqualTo("r_md5");
        assertThat(connectAs("r_scram", "!password")).isEqualTo("r_scram");
        assertThat(connectAs("r_trust", "!password")).isEqualTo("r_trust");
        assertRefused("r_trust", "!none", "server did not complete authentication");
        assertThat(connectAs("r_scram", "!none")).isEqualTo("r_scram");
    }

    @Test
    void noneAllowsTrustAndRefusesAnExchange() {
        assertThat(connectAs("r_trust", "none")).isEqualTo("r_trust");
        assertRefused("r_scram", "none", "server requested SASL authentication");
        assertThat(connectAs("r_trust", "scram-sha-256,none")).isEqualTo("r_trust");
        assertThat(connectAs("r_scram", "scram-sha-256,none")).isEqualTo("r_scram");
    }

    @Test
    void passwordMethodsOnlyRefuseScram() {
        assertThat(connectAs("r_password", "password,md5")).isEqualTo("r_password");
        assertThat(connectAs("r_md5", "password,md5")).isEqualTo("r_md5");
        assertRefused("r_scram", "password,md5", "server requested SASL authentication");
    }

    @Test
    void theBuilderTakesTheAllowedSet() {
        ConnectOptions options = options("").user("r_password")
                .requireAuth(EnumSet.of(AuthenticationMethod.SCRAM_SHA_256)).build();
        assertThat(options.requireAuth()).containsExactly(AuthenticationMethod.SCRAM_SHA_256);
        assertThat(options.toString()).contains("requireAuth=[SCRAM_SHA_256]");
        assertThatThrownBy(() -> Tusk.connect(options).join())
                .cause()
                .hasMessageContaining("authentication method requirement \"scram-sha-256\" failed");
        ConnectOptions allButPassword = options.toBuilder()
                .requireAuth(EnumSet.complementOf(EnumSet.of(AuthenticationMethod.PASSWORD))).build();
        assertThatThrownBy(() -> Tusk.connect(allButPassword).join())
                .cause()
                .hasMessageContaining("authentication method requirement \"!password\" failed");
    }

    @Test
    void malformedValuesFailWhenBuilt() {
        assertThat(ConnectOptions.builder().useEnvironment(false).build().requireAuth())
                .isEqualTo(EnumSet.allOf(AuthenticationMethod.class));
        assertThat(ConnectOptions.builder().useEnvironment(false).dsn("require_auth=' !md5 , !password'").build()
                .requireAuth()).doesNotContain(AuthenticationMethod.MD5, AuthenticationMethod.PASSWORD)
                .contains(AuthenticationMethod.SCRAM_SHA_256, AuthenticationMethod.NONE);
        assertThatThrownBy(() -> ConnectOptions.builder().useEnvironment(false).dsn("require_auth=md5,!password").build())
                .isInstanceOf(InterfaceException.class)
                .hasMessageStartingWith("require_auth method \"!password\" cannot be mixed with non-negative methods");
        assertThatThrownBy(() -> ConnectOptions.builder().useEnvironment(false).dsn("require_auth=!md5,password").build())
                .hasMessageStartingWith("require_auth method \"password\" cannot be mixed with negative methods");
        assertThatThrownBy(() -> ConnectOptions.builder().useEnvironment(false).dsn("require_auth=md5,md5").build())
                .hasMessageStartingWith("require_auth method \"md5\" is specified more than once");
        assertThatThrownBy(() -> ConnectOptions.builder().useEnvironment(false).dsn("require_auth=scram").build())
                .hasMessageStartingWith("invalid require_auth method \"scram\"")
                .hasMessageEndingWith("(from connection string)");
        assertThatThrownBy(() -> ConnectOptions.builder().requireAuth(EnumSet.noneOf(AuthenticationMethod.class)))
                .isInstanceOf(InterfaceException.class);
    }
}
