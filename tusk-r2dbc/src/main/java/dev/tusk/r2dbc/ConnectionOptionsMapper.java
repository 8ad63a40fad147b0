package dev.tusk.r2dbc;

import static io.r2dbc.spi.ConnectionFactoryOptions.DRIVER;
import static io.r2dbc.spi.ConnectionFactoryOptions.SSL;

import dev.tusk.ConnectOptions;
import dev.tusk.SslMode;
import dev.tusk.TlsProvider;
import dev.tusk.exceptions.InterfaceException;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns R2DBC connection options into Tusk's {@link ConnectOptions}.
 *
 * <p>The standard options map onto the builder: HOST, PORT, USER, PASSWORD, DATABASE,
 * CONNECT_TIMEOUT, SSL ({@code true} means {@code sslmode=require}, {@code false}
 * {@code sslmode=disable}, unless {@code sslmode} is given), STATEMENT_TIMEOUT and
 * LOCK_WAIT_TIMEOUT (the server settings {@code statement_timeout} and {@code lock_timeout}).
 * Tusk's own options are named as on its builder or in snake case: {@code statementCacheSize},
 * {@code maxCachedStatementLifetime}, {@code maxCacheableStatementSize}, {@code commandTimeout},
 * {@code rewriteBatchedInserts}, {@code maxMessageSize}, {@code tlsProvider} ({@code auto},
 * {@code jdk} or {@code openssl}, any case, or a {@link TlsProvider}). Every other option is a libpq connection
 * keyword ({@code sslmode}, {@code sslrootcert}, {@code application_name},
 * {@code target_session_attrs}, {@code options}, ...; r2dbc-postgresql's {@code applicationName},
 * {@code sslMode}, {@code sslRootCert}, {@code sslCert}, {@code sslKey}, {@code sslPassword} are
 * understood too) and goes through Tusk's connection-string parsing, which refuses a keyword it
 * does not know. Durations are {@link Duration}s or ISO-8601 texts such as {@code PT10S}.
 */
final class ConnectionOptionsMapper {

    /** The driver name in {@code r2dbc:tusk://...}. */
    static final String DRIVER_NAME = "tusk";

    private static final Map<String, String> LIBPQ_ALIASES = Map.of(
            "applicationName", "application_name",
            "sslMode", "sslmode",
            "sslRootCert", "sslrootcert",
            "sslCert", "sslcert",
            "sslKey", "sslkey",
            "sslPassword", "sslpassword");

    private ConnectionOptionsMapper() {
    }

    /**
     * The Tusk options for {@code options}.
     *
     * @throws IllegalArgumentException naming an option that is unknown or has an unusable value
     */
    static ConnectOptions toConnectOptions(ConnectionFactoryOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("connectionFactoryOptions must not be null");
        }
        ConnectOptions.Builder builder = ConnectOptions.builder();
        Map<String, String> keywords = new LinkedHashMap<>();
        for (Option<?> option : optionsOf(options)) {
            apply(builder, keywords, option.name(), options.getValue(option));
        }
        if (options.hasOption(SSL) && !keywords.containsKey("sslmode")) {
            builder.sslMode(bool(SSL.name(), options.getValue(SSL)) ? SslMode.REQUIRE : SslMode.DISABLE);
        }
        try {
            if (!keywords.isEmpty()) {
                builder.dsn(toKeywordValueDsn(keywords));
            }
            return builder.build();
        } catch (InterfaceException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Every option set, found through the builder's filter (the SPI has no other way to list them). */
    private static List<Option<?>> optionsOf(ConnectionFactoryOptions options) {
        List<Option<?>> all = new ArrayList<>();
        ConnectionFactoryOptions.builder().from(options, option -> {
            all.add(option);
            return false;
        });
        return all;
    }

    private static void apply(ConnectOptions.Builder builder, Map<String, String> keywords, String name, Object value) {
        switch (name) {
            case "driver":
                if (!DRIVER_NAME.equals(String.valueOf(value))) {
                    throw new IllegalArgumentException("driver \"" + value + "\" is not " + DRIVER_NAME);
                }
                return;
            case "protocol":
                if (!String.valueOf(value).isEmpty()) {
                    throw new IllegalArgumentException("protocol \"" + value + "\" is not supported by the " + DRIVER_NAME
                            + " driver (use r2dbc:tusk://host/database)");
                }
                return;
            case "host":
                builder.host(String.valueOf(value));
                return;
            case "port":
                builder.port(integer(name, value));
                return;
            case "user":
                builder.user(String.valueOf(value));
                return;
            case "password":
                builder.password(value.toString());
                return;
            case "database":
                builder.database(String.valueOf(value));
                return;
            case "connectTimeout":
                builder.connectTimeout(duration(name, value));
                return;
            case "ssl":
                bool(name, value);
                return;
            case "statementTimeout":
                builder.serverSetting("statement_timeout", Long.toString(duration(name, value).toMillis()));
                return;
            case "lockWaitTimeout":
                builder.serverSetting("lock_timeout", Long.toString(duration(name, value).toMillis()));
                return;
            default:
                break;
        }
        if (!applyTuskOption(builder, name, value)) {
            keywords.put(LIBPQ_ALIASES.getOrDefault(name, name), String.valueOf(value));
        }
    }

    private static boolean applyTuskOption(ConnectOptions.Builder builder, String name, Object value) {
        switch (name) {
            case "statementCacheSize":
            case "statement_cache_size":
                builder.statementCacheSize(integer(name, value));
                return true;
            case "maxCachedStatementLifetime":
            case "max_cached_statement_lifetime":
                builder.maxCachedStatementLifetime(duration(name, value));
                return true;
            case "maxCacheableStatementSize":
            case "max_cacheable_statement_size":
                builder.maxCacheableStatementSize(integer(name, value));
                return true;
            case "commandTimeout":
            case "command_timeout":
                builder.commandTimeout(duration(name, value));
                return true;
            case "rewriteBatchedInserts":
            case "rewrite_batched_inserts":
                builder.rewriteBatchedInserts(bool(name, value));
                return true;
            case "maxMessageSize":
            case "max_message_size":
                builder.maxMessageSize(integer(name, value));
                return true;
            case "tlsProvider":
            case "tls_provider":
                builder.tlsProvider(tlsProvider(name, value));
                return true;
            default:
                return false;
        }
    }

    /** {@code keyword='value' ...} with quotes and backslashes escaped as libpq reads them. */
    static String toKeywordValueDsn(Map<String, String> keywords) {
        StringBuilder dsn = new StringBuilder();
        for (Map.Entry<String, String> entry : keywords.entrySet()) {
            if (dsn.length() > 0) {
                dsn.append(' ');
            }
            dsn.append(entry.getKey()).append("='");
            String value = entry.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\'' || c == '\\') {
                    dsn.append('\\');
                }
                dsn.append(c);
            }
            dsn.append('\'');
        }
        return dsn.toString();
    }

    static int integer(String name, Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + ": \"" + value + "\" is not an integer", e);
        }
    }

    static TlsProvider tlsProvider(String name, Object value) {
        if (value instanceof TlsProvider) {
            return (TlsProvider) value;
        }
        String text = String.valueOf(value).trim().toUpperCase(Locale.ROOT);
        for (TlsProvider provider : TlsProvider.values()) {
            if (provider.name().equals(text)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("option " + name + ": \"" + value + "\" is not auto, jdk or openssl");
    }

    static boolean bool(String name, Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("option " + name + ": \"" + value + "\" is not true or false");
    }

    static Duration duration(String name, Object value) {
        if (value instanceof Duration) {
            return (Duration) value;
        }
        try {
            return Duration.parse(String.valueOf(value).trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("option " + name + ": \"" + value
                    + "\" is not a duration (expected a java.time.Duration or ISO-8601 text such as PT10S)", e);
        }
    }

    /** Whether {@code options} name this driver. */
    static boolean isTusk(ConnectionFactoryOptions options) {
        Object driver = options.getValue(DRIVER);
        return driver != null && DRIVER_NAME.equals(driver.toString());
    }
}
