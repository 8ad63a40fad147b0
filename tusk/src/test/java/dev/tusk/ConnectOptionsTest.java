package dev.tusk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.test.Db;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConnectOptionsTest {

    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("PGHOST", "envhost"),
            Map.entry("PGPORT", "6001"),
            Map.entry("PGUSER", "envuser"),
            Map.entry("PGPASSWORD", "envpassword"),
            Map.entry("PGDATABASE", "envdb"),
            Map.entry("PGPASSFILE", "/env/pgpass"),
            Map.entry("PGAPPNAME", "envapp"),
            Map.entry("PGOPTIONS", "-c geqo=off"),
            Map.entry("PGSSLMODE", "require"),
            Map.entry("PGSSLROOTCERT", "/env/root.crt"),
            Map.entry("PGSSLCERT", "/env/client.crt"),
            Map.entry("PGSSLKEY", "/env/client.key"),
            Map.entry("PGSSLCRL", "/env/crl.pem"),
            Map.entry("PGCONNECT_TIMEOUT", "7"),
            Map.entry("PGTARGETSESSIONATTRS", "standby"),
            Map.entry("PGSSLNEGOTIATION", "direct"),
            Map.entry("PGCHANNELBINDING", "require"),
            Map.entry("PGLOADBALANCEHOSTS", "random"));

    private static ConnectOptions.Builder withEnvironment(Map<String, String> environment) {
        return ConnectOptions.builder().environment(environment);
    }

    private static ConnectOptions.Builder isolated() {
        return ConnectOptions.builder().useEnvironment(false);
    }

    @Test
    void requirepeerComesFromPgrequirepeerAndEmptyMeansNoCheck() {
        assertThat(withEnvironment(Map.of("PGREQUIREPEER", "postgres")).build().requirePeer()).isEqualTo("postgres");
        assertThat(isolated().dsn("requirepeer=").build().requirePeer()).isNull();
        assertThat(isolated().requirePeer("").build().requirePeer()).isNull();
        assertThat(isolated().requirePeer("postgres").build().toString()).contains("requirePeer=postgres");
    }

    @Test
    void sslcertmodeComesFromPgsslcertmodeBelowTheDsn() {
        assertThat(withEnvironment(Map.of("PGSSLCERTMODE", "require")).build().sslCertMode())
                .isEqualTo(SslCertMode.REQUIRE);
        assertThat(withEnvironment(Map.of("PGSSLCERTMODE", "require")).dsn("sslcertmode=disable").build().sslCertMode())
                .isEqualTo(SslCertMode.DISABLE);
    }

    @Nested
    class Precedence {

        @Test
        void environmentSuppliesEverySettingItHas() {
            ConnectOptions options = withEnvironment(ENVIRONMENT).build();
            assertThat(options.hosts()).containsExactly(new HostAndPort("envhost", 6001));
            assertThat(options.user()).isEqualTo("envuser");
            assertThat(options.password()).isEqualTo("envpassword");
            assertThat(options.database()).isEqualTo("envdb");
            assertThat(options.passfile()).isEqualTo(Path.of("/env/pgpass"));
            assertThat(options.applicationName()).isEqualTo("envapp");
            assertThat(options.options()).isEqualTo("-c geqo=off");
            assertThat(options.sslMode()).isEqualTo(SslMode.REQUIRE);
            assertThat(options.sslRootCert()).isEqualTo(Path.of("/env/root.crt"));
            assertThat(options.sslCert()).isEqualTo(Path.of("/env/client.crt"));
            assertThat(options.sslKey()).isEqualTo(Path.of("/env/client.key"));
            assertThat(options.sslCrl()).isEqualTo(Path.of("/env/crl.pem"));
            assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(options.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.STANDBY);
            assertThat(options.sslNegotiation()).isEqualTo(SslNegotiation.DIRECT);
            assertThat(options.channelBinding()).isEqualTo(ChannelBinding.REQUIRE);
            assertThat(options.loadBalanceHosts()).isTrue();
        }

        @Test
        void dsnOverridesEnvironment() {
            ConnectOptions options = withEnvironment(ENVIRONMENT)
                    .dsn("postgresql://dsnuser:dsnpassword@dsnhost:7000/dsndb?sslmode=verify-ca"
                            + "&application_name=dsnapp&connect_timeout=9&target_session_attrs=primary")
                    .build();
            assertThat(options.hosts()).containsExactly(new HostAndPort("dsnhost", 7000));
            assertThat(options.user()).isEqualTo("dsnuser");
            assertThat(options.password()).isEqualTo("dsnpassword");
            assertThat(options.database()).isEqualTo("dsndb");
            assertThat(options.sslMode()).isEqualTo(SslMode.VERIFY_CA);
            assertThat(options.applicationName()).isEqualTo("dsnapp");
            assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(9));
            assertThat(options.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.PRIMARY);
            assertThat(options.options()).as("not in the DSN, so from PGOPTIONS").isEqualTo("-c geqo=off");
        }

        @Test
        void explicitValuesOverrideDsnAndEnvironment() {
            ConnectOptions options = withEnvironment(ENVIRONMENT)
                    .dsn("postgresql://dsnuser:dsnpassword@dsnhost:7000/dsndb?sslmode=verify-ca")
                    .host("explicithost").port(8000).user("explicituser").password("explicitpassword")
                    .database("explicitdb").sslMode(SslMode.VERIFY_FULL).connectTimeout(Duration.ofSeconds(3))
                    .build();
            assertThat(options.hosts()).containsExactly(new HostAndPort("explicithost", 8000));
            assertThat(options.user()).isEqualTo("explicituser");
            assertThat(options.password()).isEqualTo("explicitpassword");
            assertThat(options.database()).isEqualTo("explicitdb");
            assertThat(options.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
            assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        }

        @Test
        void defaultsApplyWhenNothingIsGiven() {
            ConnectOptions options = isolated().build();
            String osUser = System.getProperty("user.name");
            assertThat(options.user()).isEqualTo(osUser);
            assertThat(options.database()).isEqualTo(osUser);
            assertThat(options.password()).isNull();
            assertThat(options.passfile()).isEqualTo(Path.of(System.getProperty("user.home"), ".pgpass"));
            assertThat(options.hosts()).singleElement().satisfies(host -> {
                assertThat(host.port()).isEqualTo(5432);
                assertThat(host.host()).isIn("localhost", "/var/run/postgresql", "/run/postgresql", "/tmp");
            });
            assertThat(options.sslMode()).isEqualTo(SslMode.PREFER);
            assertThat(options.sslNegotiation()).isEqualTo(SslNegotiation.POSTGRES);
            assertThat(options.channelBinding()).isEqualTo(ChannelBinding.PREFER);
            assertThat(options.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.ANY);
            assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(options.commandTimeout()).isNull();
            assertThat(options.statementCacheSize()).isEqualTo(100);
            assertThat(options.maxCachedStatementLifetime()).isEqualTo(Duration.ofSeconds(300));
            assertThat(options.maxCacheableStatementSize()).isEqualTo(15360);
            assertThat(options.maxMessageSize()).isEqualTo(1 << 30);
            assertThat(options.loadBalanceHosts()).isFalse();
            assertThat(options.keepalives()).isTrue();
            assertThat(options.applicationName()).isNull();
            assertThat(options.options()).isNull();
            assertThat(options.serverSettings()).isEmpty();
        }

        @Test
        void useEnvironmentFalseIgnoresPgVariables() {
            ConnectOptions options = withEnvironment(ENVIRONMENT).useEnvironment(false).build();
            assertThat(options.user()).isEqualTo(System.getProperty("user.name"));
            assertThat(options.password()).isNull();
        }

        @Test
        void databaseDefaultsToTheResolvedUser() {
            assertThat(isolated().dsn("user=alice").build().database()).isEqualTo("alice");
        }

        @Test
        void emptyDsnValueFallsThroughToTheEnvironment() {
            ConnectOptions options = withEnvironment(Map.of("PGUSER", "envuser")).dsn("user='' host=h").build();
            assertThat(options.user()).isEqualTo("envuser");
        }

        @Test
        void applicationNameBeatsFallbackApplicationName() {
            assertThat(isolated().dsn("fallback_application_name=fb").build().applicationName()).isEqualTo("fb");
            assertThat(withEnvironment(Map.of("PGAPPNAME", "env")).dsn("fallback_application_name=fb").build()
                    .applicationName()).isEqualTo("env");
            assertThat(isolated().dsn("fallback_application_name=fb application_name=app").build()
                    .applicationName()).isEqualTo("app");
        }

        @Test
        void explicitPortAppliesToEveryDsnHost() {
            ConnectOptions options = isolated().dsn("host=a,b").port(6543).build();
            assertThat(options.hosts()).containsExactly(new HostAndPort("a", 6543), new HostAndPort("b", 6543));
        }

        @Test
        void explicitHostListCarriesItsOwnPorts() {
            List<HostAndPort> servers = List.of(new HostAndPort("a", 1), new HostAndPort("/tmp", 2));
            ConnectOptions options = withEnvironment(ENVIRONMENT).dsn("host=x port=3").hosts(servers).port(4).build();
            assertThat(options.hosts()).isEqualTo(servers);
        }

        @Test
        void dsnHostAndPortListsPairByPosition() {
            ConnectOptions options = isolated()
                    .dsn("postgresql://host1:123,host2:456/somedb?target_session_attrs=any&application_name=myapp")
                    .build();
            assertThat(options.hosts()).containsExactly(new HostAndPort("host1", 123), new HostAndPort("host2", 456));
        }

        @Test
        void portFromEnvironmentAppliesToDsnHosts() {
            ConnectOptions options = withEnvironment(Map.of("PGPORT", "6000")).dsn("postgresql://a,b/db").build();
            assertThat(options.hosts()).containsExactly(new HostAndPort("a", 6000), new HostAndPort("b", 6000));
        }

        @Test
        void explicitSupplierOverridesDsnPasswordAndIsCalledAtEachCall() {
            AtomicInteger calls = new AtomicInteger();
            ConnectOptions options = isolated().dsn("password=fromdsn")
                    .passwordSupplier(() -> "token-" + calls.incrementAndGet()).build();
            assertThat(options.password()).isEqualTo("token-1");
            assertThat(options.password()).isEqualTo("token-2");
        }

        @Test
        void laterPasswordSetterReplacesTheSupplierAndViceVersa() {
            assertThat(isolated().passwordSupplier(() -> "s").password("p").build().password()).isEqualTo("p");
            assertThat(isolated().password("p").passwordSupplier(() -> "s").build().password()).isEqualTo("s");
        }
    }

    @Nested
    class DsnValues {

        @Test
        void connectTimeoutFollowsLibpq() {
            assertThat(isolated().dsn("connect_timeout=0").build().connectTimeout()).isEqualTo(Duration.ZERO);
            assertThat(isolated().dsn("connect_timeout=-5").build().connectTimeout()).isEqualTo(Duration.ZERO);
            assertThat(isolated().dsn("connect_timeout=1").build().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(isolated().dsn("connect_timeout=' 10 '").build().connectTimeout())
                    .isEqualTo(Duration.ofSeconds(10));
        }

        @Test
        void keepalivesAndLoadBalanceHostsAreParsed() {
            ConnectOptions options = isolated().dsn("keepalives=0 load_balance_hosts=random").build();
            assertThat(options.keepalives()).isFalse();
            assertThat(options.loadBalanceHosts()).isTrue();
        }

        @Test
        void enumKeywordsUseLibpqSpelling() {
            ConnectOptions options = isolated().dsn("sslmode=verify-full target_session_attrs=prefer-standby "
                    + "channel_binding=disable sslnegotiation=direct").build();
            assertThat(options.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
            assertThat(options.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.PREFER_STANDBY);
            assertThat(options.channelBinding()).isEqualTo(ChannelBinding.DISABLE);
            assertThat(options.sslNegotiation()).isEqualTo(SslNegotiation.DIRECT);
        }

        @Test
        void invalidValueNamesTheOptionAndWhereItCameFrom() {
            assertThatThrownBy(() -> isolated().dsn("sslmode=sometimes").build())
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("invalid sslmode \"sometimes\"")
                    .hasMessageContaining("verify-full")
                    .hasMessageEndingWith("(from connection string)");
            assertThatThrownBy(() -> withEnvironment(Map.of("PGCONNECT_TIMEOUT", "soon")).build())
                    .hasMessageContaining("invalid integer value \"soon\" for connection option \"connect_timeout\"")
                    .hasMessageEndingWith("(from environment variable PGCONNECT_TIMEOUT)");
            assertThatThrownBy(() -> withEnvironment(Map.of("PGPORT", "x")).build())
                    .hasMessageContaining("\"x\" in environment variable PGPORT");
            assertThatThrownBy(() -> isolated().dsn("load_balance_hosts=always").build())
                    .hasMessageContaining("invalid load_balance_hosts \"always\"");
        }

        @Test
        void systemRootsStrengthenTheDefaultSslmodeAndRefuseWeakerOnes() {
            assertThat(isolated().dsn("sslrootcert=system").build().sslMode()).isEqualTo(SslMode.VERIFY_FULL);
            assertThatThrownBy(() -> isolated().dsn("sslrootcert=system sslmode=require").build())
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("weak sslmode \"require\" may not be used with sslrootcert=system");
        }

        @Test
        void directTlsNeedsMandatoryTls() {
            assertThatThrownBy(() -> isolated().sslNegotiation(SslNegotiation.DIRECT).build())
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("weak sslmode \"prefer\" may not be used with sslnegotiation=direct");
            assertThat(isolated().sslNegotiation(SslNegotiation.DIRECT).sslMode(SslMode.REQUIRE).build()
                    .sslNegotiation()).isEqualTo(SslNegotiation.DIRECT);
        }

        @Test
        void portCountMismatchFails() {
            assertThatThrownBy(() -> isolated().dsn("host=a,b port=1,2,3").build())
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageStartingWith("could not match 3 port numbers to 2 hosts");
        }
    }

    @Nested
    class Validation {

        @Test
        void impossibleNumbersAreRefusedNamingTheOption() {
            assertThatThrownBy(() -> isolated().statementCacheSize(-1).build())
                    .isInstanceOf(InterfaceException.class)
                    .hasMessage("statementCacheSize must be >= 0, got -1");
            assertThatThrownBy(() -> isolated().maxCacheableStatementSize(-2).build())
                    .hasMessage("maxCacheableStatementSize must be >= 0, got -2");
            assertThatThrownBy(() -> isolated().maxMessageSize(100).build())
                    .hasMessage("maxMessageSize must be >= 65536, got 100");
            assertThatThrownBy(() -> isolated().port(0).build()).hasMessage("port must be 1 to 65535, got 0");
            assertThatThrownBy(() -> isolated().port(70000).build()).hasMessage("port must be 1 to 65535, got 70000");
        }

        @Test
        void impossibleDurationsAreRefusedNamingTheOption() {
            assertThatThrownBy(() -> isolated().connectTimeout(Duration.ofSeconds(-1)).build())
                    .hasMessageStartingWith("connectTimeout must be >= 0");
            assertThatThrownBy(() -> isolated().commandTimeout(Duration.ZERO).build())
                    .hasMessageStartingWith("commandTimeout must be positive");
            assertThatThrownBy(() -> isolated().maxCachedStatementLifetime(Duration.ofMillis(-1)).build())
                    .hasMessageStartingWith("maxCachedStatementLifetime must be >= 0");
        }

        @Test
        void zeroMeansNoLimitWhereDocumented() {
            ConnectOptions options = isolated().statementCacheSize(0).maxCachedStatementLifetime(Duration.ZERO)
                    .maxCacheableStatementSize(0).connectTimeout(Duration.ZERO).build();
            assertThat(options.statementCacheSize()).isZero();
            assertThat(options.maxCachedStatementLifetime()).isZero();
            assertThat(options.connectTimeout()).isZero();
        }

        @Test
        void serverSettingsAreKeptInOrderButStartupKeysAreRefused() {
            ConnectOptions options = isolated().serverSetting("timezone", "UTC")
                    .serverSettings(Map.of("search_path", "app")).serverSetting("client_encoding", "UTF8").build();
            assertThat(options.serverSettings()).containsExactly(Map.entry("timezone", "UTC"),
                    Map.entry("search_path", "app"), Map.entry("client_encoding", "UTF8"));
            assertThatThrownBy(() -> isolated().serverSetting("user", "x").build())
                    .isInstanceOf(InterfaceException.class)
                    .hasMessage("server setting \"user\" is not allowed: use the user option");
            assertThatThrownBy(() -> isolated().serverSetting("client_encoding", "LATIN1").build())
                    .hasMessageContaining("Tusk always talks to the server in UTF8");
            assertThatThrownBy(() -> isolated().serverSetting("a\0b", "x").build())
                    .hasMessageContaining("NUL");
        }

        @Test
        void nulCharactersInStartupStringsAreRefused() {
            assertThatThrownBy(() -> isolated().user("a\0b").build())
                    .isInstanceOf(InterfaceException.class).hasMessage("user must not contain a NUL character");
            assertThatThrownBy(() -> isolated().password("se\0cret").build())
                    .hasMessage("password must not contain a NUL character");
        }

        @Test
        void malformedDsnFailsAtDsnCall() {
            assertThatThrownBy(() -> ConnectOptions.builder().dsn("host=a bogus=1"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("\"bogus\"");
        }
    }

    @Nested
    class Secrets {

        @Test
        void toStringMasksPasswordsAndShowsTheRest() {
            String text = isolated().dsn("postgresql://alice:hunter2@db:5433/app?sslpassword=keypass&sslmode=require")
                    .applicationName("svc").build().toString();
            assertThat(text).doesNotContain("hunter2").doesNotContain("keypass")
                    .contains("password=***", "sslPassword=***", "user=alice", "database=app",
                            "hosts=[db:5433]", "sslMode=require", "applicationName=svc");
        }

        @Test
        void toStringNeverCallsTheSupplier() {
            AtomicInteger calls = new AtomicInteger();
            String text = isolated().passwordSupplier(() -> "tok" + calls.incrementAndGet()).build().toString();
            assertThat(text).contains("password=***").doesNotContain("tok");
            assertThat(calls).hasValue(0);
        }

        @Test
        void toStringSaysWhenThereIsNoPassword() {
            assertThat(isolated().build().toString()).contains("password=none");
        }

        @Test
        void errorsFromAMalformedDsnNeverShowItsPassword() {
            String[] malformed = {
                "postgresql://u:hunter2@h:99999/db",
                "postgresql://u:hunter2@[::1/db",
                "postgresql://u:hunter2@h/db?bogus=1",
                "postgresql://u:hunter2@h/db%zz",
                "postgresql://u:hunter2@h/db?sslmode=bad",
                "password=hunter2 port=abc",
                "password='hunter2",
                "password=hunter2 sslmode=bad",
            };
            for (String dsn : malformed) {
                assertThatThrownBy(() -> isolated().dsn(dsn).build()).as(dsn)
                        .isInstanceOf(InterfaceException.class)
                        .hasMessageNotContaining("hunter2");
            }
        }
    }

    @Nested
    class Copies {

        @Test
        void parseIsBuilderDsnBuild() {
            ConnectOptions options = ConnectOptions.parse("postgresql://u@h:1/d");
            assertThat(options.hosts()).containsExactly(new HostAndPort("h", 1));
            assertThat(options.user()).isEqualTo("u");
            assertThat(options.database()).isEqualTo("d");
        }

        @Test
        void toBuilderKeepsTheSourcesAndChangesOnlyWhatIsSet() {
            ConnectOptions original = withEnvironment(Map.of("PGAPPNAME", "envapp"))
                    .dsn("postgresql://u@h/d").statementCacheSize(5).serverSetting("a", "1").build();
            ConnectOptions changed = original.toBuilder().database("other").serverSetting("b", "2").build();
            assertThat(changed.database()).isEqualTo("other");
            assertThat(changed.user()).isEqualTo("u");
            assertThat(changed.hosts()).isEqualTo(original.hosts());
            assertThat(changed.applicationName()).isEqualTo("envapp");
            assertThat(changed.statementCacheSize()).isEqualTo(5);
            assertThat(changed.serverSettings()).containsOnlyKeys("a", "b");
            assertThat(original.serverSettings()).containsOnlyKeys("a");
            assertThat(original.database()).isEqualTo("d");
        }

        @Test
        void builtOptionsDoNotChangeWhenTheBuilderDoes() {
            ConnectOptions.Builder builder = isolated().serverSetting("a", "1");
            ConnectOptions options = builder.build();
            builder.serverSetting("b", "2").user("changed");
            assertThat(options.serverSettings()).containsOnlyKeys("a");
            assertThat(options.user()).isNotEqualTo("changed");
            assertThatThrownBy(() -> options.serverSettings().put("c", "3"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Enums {

        @Test
        void keywordsRoundTrip() {
            for (SslMode mode : SslMode.values()) {
                assertThat(SslMode.fromKeyword(mode.keyword())).isEqualTo(mode);
            }
            for (TargetSessionAttrs attrs : TargetSessionAttrs.values()) {
                assertThat(TargetSessionAttrs.fromKeyword(attrs.keyword())).isEqualTo(attrs);
            }
            assertThat(SslMode.VERIFY_FULL.keyword()).isEqualTo("verify-full");
            assertThat(TargetSessionAttrs.READ_WRITE.keyword()).isEqualTo("read-write");
            assertThat(SslMode.fromKeyword("Verify-CA")).isEqualTo(SslMode.VERIFY_CA);
        }

        @Test
        void sslModesAreOrderedWeakestFirst() {
            assertThat(SslMode.REQUIRE).isGreaterThan(SslMode.PREFER);
            assertThat(SslMode.VERIFY_FULL).isGreaterThan(SslMode.VERIFY_CA);
        }

        @Test
        void unknownKeywordListsTheValidOnes() {
            assertThatThrownBy(() -> TargetSessionAttrs.fromKeyword("master"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("\"master\"").hasMessageContaining("read-write");
        }

        @Test
        void hostAndPortChecksAndPrintsItsParts() {
            assertThat(new HostAndPort("::1", 5432)).hasToString("[::1]:5432");
            assertThat(new HostAndPort("/tmp", 5433)).hasToString("/tmp/.s.PGSQL.5433");
            assertThat(new HostAndPort("/tmp", 5433).isUnixSocket()).isTrue();
            assertThat(new HostAndPort("db", 1)).hasToString("db:1");
            assertThatThrownBy(() -> new HostAndPort("", 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new HostAndPort("h", 0)).hasMessage("port must be 1 to 65535, got 0");
        }
    }

    @Test
    void pgtzAndPggeqoSetTheirParametersUnlessGivenExplicitly() {
        ConnectOptions options = withEnvironment(Map.of("PGTZ", "Asia/Tokyo", "PGGEQO", "off")).build();
        assertThat(options.serverSettings()).containsEntry("timezone", "Asia/Tokyo").containsEntry("geqo", "off");
        assertThat(withEnvironment(Map.of("PGTZ", "Asia/Tokyo")).serverSetting("TimeZone", "UTC").build()
                .serverSettings()).containsExactly(Map.entry("TimeZone", "UTC"));
        assertThat(isolated().build().serverSettings()).isEmpty();
        ConnectOptions fromEnvironment = Db.options().useEnvironment(true)
                .environment(Map.of("PGTZ", "America/Sao_Paulo")).build();
        try (Connection connection = Tusk.connect(fromEnvironment).join()) {
            assertThat(connection.fetchval("SHOW timezone").join()).isEqualTo("America/Sao_Paulo");
        }
    }
}
