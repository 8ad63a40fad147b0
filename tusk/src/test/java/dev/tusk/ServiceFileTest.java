package dev.tusk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.test.Db;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libpq's connection service file: where it is found, what it overrides, and how it fails. */
class ServiceFileTest {

    @TempDir
    Path directory;

    private Path write(String name, String... lines) throws IOException {
        return Files.write(directory.resolve(name), String.join("\n", lines).getBytes());
    }

    private static ConnectOptions.Builder withEnvironment(String... pairs) {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return ConnectOptions.builder().environment(environment);
    }

    @Test
    void aServiceSuppliesItsGroupsSettings() throws IOException {
        Path file = write("services.conf",
                "# reporting replicas",
                "[other]",
                "host=wrong",
                "",
                "  [reporting]",
                "host=db1.example.com,db2.example.com",
                "   port=5433",
                "dbname=reports",
                "user=analyst",
                "password=s=cret",
                "sslmode=require",
                "target_session_attrs=prefer-standby",
                "[later]",
                "dbname=wrong");
        ConnectOptions options = withEnvironment("PGSERVICEFILE", file.toString())
                .dsn("service=reporting").build();
        assertThat(options.service()).isEqualTo("reporting");
        assertThat(options.hosts()).containsExactly(new HostAndPort("db1.example.com", 5433),
                new HostAndPort("db2.example.com", 5433));
        assertThat(options.database()).isEqualTo("reports");
        assertThat(options.user()).isEqualTo("analyst");
        assertThat(options.password()).isEqualTo("s=cret");
        assertThat(options.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(options.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.PREFER_STANDBY);
        assertThat(options.toString()).contains("service=reporting").doesNotContain("s=cret");
    }

    @Test
    void theConnectionStringAndTheBuilderWinOverTheServiceAndTheServiceOverTheEnvironment() throws IOException {
        Path file = write("services.conf", "[app]", "host=servicehost", "dbname=servicedb", "user=serviceuser");
        ConnectOptions options = withEnvironment("PGSERVICE", "app", "PGSERVICEFILE", file.toString(),
                "PGHOST", "envhost", "PGUSER", "envuser", "PGAPPNAME", "envapp")
                .dsn("dbname=dsndb").user("builderuser").build();
        assertThat(options.service()).isEqualTo("app");
        assertThat(options.hosts()).extracting(HostAndPort::host).containsExactly("servicehost");
        assertThat(options.database()).isEqualTo("dsndb");
        assertThat(options.user()).isEqualTo("builderuser");
        assertThat(options.applicationName()).isEqualTo("envapp");
    }

    @Test
    void theBuilderNamesTheServiceAndTheFile() throws IOException {
        Path file = write("mine.conf", "[svc]", "dbname=fromfile");
        ConnectOptions options = withEnvironment("PGSERVICE", "ignored")
                .service("svc").serviceFile(file).build();
        assertThat(options.database()).isEqualTo("fromfile");
        assertThat(options.toBuilder().dsn("dbname=other").build().database()).isEqualTo("other");
    }

    @Test
    void theConnectionStringNamesTheFile() throws IOException {
        Path file = write("dsn.conf", "[svc]", "port=6543");
        ConnectOptions options = withEnvironment()
                .dsn("postgresql://h/db?service=svc&servicefile=" + file).build();
        assertThat(options.hosts()).containsExactly(new HostAndPort("h", 6543));
    }

    @Test
    void theSystemFileIsReadWhenTheUserFileLacksTheService() throws IOException {
        Path user = write("user.conf", "[mine]", "dbname=user");
        Path system = Files.createDirectory(directory.resolve("etc"));
        Files.writeString(system.resolve("pg_service.conf"), "[shared]\ndbname=system\n[mine]\ndbname=notread\n");
        ConnectOptions.Builder builder = withEnvironment("PGSERVICEFILE", user.toString(),
                "PGSYSCONFDIR", system.toString());
        assertThat(builder.service("shared").build().database()).isEqualTo("system");
        assertThat(builder.service("mine").build().database()).isEqualTo("user");
    }

    @Test
    void aKeywordGivenTwiceInTheGroupKeepsItsFirstValue() throws IOException {
        Path file = write("twice.conf", "[svc]", "dbname=first", "dbname=second");
        assertThat(withEnvironment().service("svc").serviceFile(file).build().database()).isEqualTo("first");
    }

    @Test
    void anUnknownServiceFails() throws IOException {
        Path file = write("services.conf", "[svc]", "dbname=x");
        assertThatThrownBy(() -> withEnvironment("PGSERVICEFILE", file.toString()).service("nope").build())
                .isInstanceOf(InterfaceException.class)
                .hasMessage("definition of service \"nope\" not found");
    }

    @Test
    void aMissingExplicitFileFailsNamingIt() {
        Path missing = directory.resolve("missing.conf");
        assertThatThrownBy(() -> withEnvironment().service("svc").serviceFile(missing).build())
                .isInstanceOf(InterfaceException.class)
                .hasMessageStartingWith("service file \"" + missing + "\" cannot be read");
    }

    @Test
    void malformedLinesNameTheFileAndLineButNeverTheValue() throws IOException {
        Path noEquals = write("a.conf", "[svc]", "dbname=x", "password");
        assertThatThrownBy(() -> withEnvironment().service("svc").serviceFile(noEquals).build())
                .hasMessage("syntax error in service file \"" + noEquals + "\", line 3: expected keyword=value");
        Path unknown = write("b.conf", "[svc]", "pasword=hunter2");
        assertThatThrownBy(() -> withEnvironment().service("svc").serviceFile(unknown).build())
                .hasMessageStartingWith("service file \"" + unknown + "\", line 2: invalid connection option \"pasword\"")
                .hasMessageContaining("did you mean \"password\"")
                .hasMessageNotContaining("hunter2");
        Path nested = write("c.conf", "[svc]", "service=other");
        assertThatThrownBy(() -> withEnvironment().service("svc").serviceFile(nested).build())
                .hasMessage("nested \"service\" specifications are not supported in service file \"" + nested
                        + "\", line 2");
        Path badPort = write("d.conf", "[svc]", "port=fifty");
        assertThatThrownBy(() -> withEnvironment().service("svc").serviceFile(badPort).build())
                .hasMessageStartingWith("service file \"" + badPort + "\", line 2: ");
    }

    @Test
    void aBadValueFromTheServiceSaysWhereItCameFrom() throws IOException {
        Path file = write("e.conf", "[svc]", "sslmode=sometimes");
        assertThatThrownBy(() -> withEnvironment().service("svc").serviceFile(file).build())
                .isInstanceOf(InterfaceException.class)
                .hasMessageEndingWith("(from service \"svc\")");
    }

    @Test
    void aConnectionThroughAServiceReachesItsServer() throws IOException {
        ConnectOptions server = Db.options().build();
        HostAndPort address = server.hosts().get(0);
        Path file = write("test.conf", "[test-server]", "host=" + address.host(), "port=" + address.port(),
                "user=" + server.user(), "dbname=" + server.database(),
                "password=" + (server.password() == null ? "" : server.password()),
                "application_name=via-service");
        ConnectOptions options = ConnectOptions.builder().useEnvironment(false)
                .service("test-server").serviceFile(file).build();
        try (Connection connection = Tusk.connect(options).join()) {
            assertThat(connection.fetchval("SELECT current_setting('application_name')").join())
                    .isEqualTo("via-service");
        }
    }

    @Test
    void withoutTheEnvironmentPgserviceIsNotRead() {
        ConnectOptions options = ConnectOptions.builder().useEnvironment(false).dsn("host=h").build();
        assertThat(options.service()).isNull();
    }
}
