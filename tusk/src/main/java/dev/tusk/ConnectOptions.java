package dev.tusk;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.options.DsnParser;
import dev.tusk.internal.options.HostList;
import dev.tusk.internal.options.OptionLayers;
import dev.tusk.internal.options.OptionValues;
import dev.tusk.internal.options.ServerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Everything that says where and how to connect: servers, credentials, TLS, timeouts and the
 * statement cache. Immutable and validated when built; {@link #toString()} masks every secret.
 *
 * <p>Each setting comes from the first of these that gives it, as in asyncpg and libpq:
 * <ol>
 *   <li>a value set explicitly on the {@link Builder};</li>
 *   <li>the connection string given to {@link Builder#dsn(String)}, in libpq's URI or
 *       {@code keyword=value} form;</li>
 *   <li>the group of the connection service ({@link Builder#service(String)}, the connection
 *       string's {@code service} or {@code PGSERVICE}) in libpq's service file
 *       ({@code ~/.pg_service.conf}, then {@code $PGSYSCONFDIR/pg_service.conf});</li>
 *   <li>libpq's environment variables ({@code PGHOST}, {@code PGPORT}, {@code PGUSER},
 *       {@code PGPASSWORD}, {@code PGDATABASE}, {@code PGPASSFILE}, {@code PGSSLMODE}, ...), unless
 *       {@link Builder#useEnvironment(boolean)} turns them off;</li>
 *   <li>the defaults: user = the operating-system user, database = the user, host = a local
 *       Unix socket if one is found else {@code localhost}, port 5432, sslmode prefer, connect
 *       timeout 60 seconds.</li>
 * </ol>
 * With no password from any of these, the connection looks one up per host in the password
 * file ({@link #passfile()}).
 *
 * <pre>{@code
 * ConnectOptions options = ConnectOptions.builder()
 *         .dsn("postgresql://app@db1.example.com,db2.example.com/orders?target_session_attrs=read-write")
 *         .passwordSupplier(tokens::current)           // called at each connect
 *         .sslMode(SslMode.VERIFY_FULL)
 *         .commandTimeout(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 */
public final class ConnectOptions {

    /** The connect timeout when none is given, as in asyncpg. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(60);
    /** The default number of prepared statements cached per connection. */
    public static final int DEFAULT_STATEMENT_CACHE_SIZE = 100;
    /** The default time a cached statement may live. */
    public static final Duration DEFAULT_MAX_CACHED_STATEMENT_LIFETIME = Duration.ofSeconds(300);
    /** The default size, in characters, of the longest statement text that is cached. */
    public static final int DEFAULT_MAX_CACHEABLE_STATEMENT_SIZE = 15 * 1024;
    /** The default bound, in bytes, on one backend message that may be long (a row, COPY data, ...). */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1 << 30;
    /** The smallest {@code maxMessageSize} accepted. */
    public static final int MIN_MAX_MESSAGE_SIZE = 1 << 16;

    /** libpq's environment variables that set a run-time parameter at start-up, and the parameter. */
    private static final Map<String, String> ENVIRONMENT_SETTINGS = Map.of("PGTZ", "timezone", "PGGEQO", "geqo");

    private final Builder source;
    private final String service;
    private final List<HostAndPort> hosts;
    private final String user;
    private final String database;
    private final String password;
    private final Supplier<String> passwordSupplier;
    private final Path passfile;
    private final String applicationName;
    private final String options;
    private final Map<String, String> serverSettings;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final int statementCacheSize;
    private final Duration maxCachedStatementLifetime;
    private final int maxCacheableStatementSize;
    private final int maxMessageSize;
    private final boolean rewriteBatchedInserts;
    private final SslMode sslMode;
    private final SslNegotiation sslNegotiation;
    private final TlsVersion sslMinProtocolVersion;
    private final TlsVersion sslMaxProtocolVersion;
    private final boolean sslSni;
    private final TlsProvider tlsProvider;
    private final SslCertMode sslCertMode;
    private final String requirePeer;
    private final ProtocolVersion minProtocolVersion;
    private final ProtocolVersion maxProtocolVersion;
    private final Path sslRootCert;
    private final Path sslCert;
    private final Path sslKey;
    private final String sslPassword;
    private final Path sslCrl;
    private final Path sslCrlDir;
    private final Path sslKeyLogFile;
    private final SSLContext sslContext;
    private final ChannelBinding channelBinding;
    private final TargetSessionAttrs targetSessionAttrs;
    private final boolean loadBalanceHosts;
    private final boolean keepalives;
    private final Duration keepalivesIdle;
    private final Duration keepalivesInterval;
    private final Integer keepalivesCount;
    private final Duration tcpUserTimeout;
    private final Set<AuthenticationMethod> requireAuth;

    private ConnectOptions(Builder b) {
        b.validate();
        source = b.copy();
        OptionLayers layers = new OptionLayers(b.dsn, b.service, b.serviceFile, b.environment(), homeDirectory());
        service = layers.serviceName();
        user = noNul("user", first(b.user, layers.get("user"), System.getProperty("user.name")));
        if (user == null) {
            throw new InterfaceException("no user name: set user, PGUSER or the user.name system property");
        }
        database = noNul("database", first(b.database, layers.get("dbname"), user));
        passwordSupplier = b.passwordSupplier;
        password = noNul("password", passwordSupplier != null ? null : first(b.password, layers.get("password")));
        passfile = b.passfile != null ? b.passfile
                : first(layers.get("passfile", OptionValues.path("passfile")), defaultPassfile());
        applicationName = noNul("applicationName",
                first(b.applicationName, layers.get("application_name"), layers.get("fallback_application_name")));
        options = noNul("options", first(b.options, layers.get("options")));
        serverSettings = Collections.unmodifiableMap(withEnvironmentSettings(b.serverSettings, b.environment()));
        hosts = b.hosts != null ? b.hosts : HostList.resolve(first(b.host, layers.get("host")),
                first(b.hostaddr, layers.get("hostaddr")), b.port != null ? b.port.toString() : layers.get("port"),
                b.port != null ? "ConnectOptions.port" : layers.source("port"));
        connectTimeout = first(b.connectTimeout, layers.get("connect_timeout", OptionValues::connectTimeout),
                DEFAULT_CONNECT_TIMEOUT);
        commandTimeout = b.commandTimeout;
        statementCacheSize = b.statementCacheSize;
        maxCachedStatementLifetime = b.maxCachedStatementLifetime;
        maxCacheableStatementSize = b.maxCacheableStatementSize;
        maxMessageSize = b.maxMessageSize;
        rewriteBatchedInserts = b.rewriteBatchedInserts;
        sslRootCert = first(b.sslRootCert, layers.get("sslrootcert", OptionValues.path("sslrootcert")));
        sslCert = first(b.sslCert, layers.get("sslcert", OptionValues.path("sslcert")));
        sslKey = first(b.sslKey, layers.get("sslkey", OptionValues.path("sslkey")));
        sslCrl = first(b.sslCrl, layers.get("sslcrl", OptionValues.path("sslcrl")));
        sslCrlDir = first(b.sslCrlDir, layers.get("sslcrldir", OptionValues.path("sslcrldir")));
        sslKeyLogFile = first(b.sslKeyLogFile, layers.get("sslkeylogfile", OptionValues.path("sslkeylogfile")));
        sslPassword = first(b.sslPassword, layers.get("sslpassword"));
        sslContext = b.sslContext;
        sslNegotiation = first(b.sslNegotiation, layers.get("sslnegotiation", SslNegotiation::fromKeyword),
                SslNegotiation.POSTGRES);
        sslMinProtocolVersion = first(b.sslMinProtocolVersion,
                layers.get("ssl_min_protocol_version", TlsVersion::fromKeyword), TlsVersion.TLS_1_2);
        sslMaxProtocolVersion = first(b.sslMaxProtocolVersion,
                layers.get("ssl_max_protocol_version", TlsVersion::fromKeyword));
        if (sslMaxProtocolVersion != null && sslMinProtocolVersion.compareTo(sslMaxProtocolVersion) > 0) {
            throw new InterfaceException("invalid SSL protocol version range: ssl_min_protocol_version "
                    + sslMinProtocolVersion.keyword() + " is above ssl_max_protocol_version "
                    + sslMaxProtocolVersion.keyword());
        }
        sslSni = first(b.sslSni, layers.get("sslsni", OptionValues::sslSni), true);
        tlsProvider = first(b.tlsProvider, TlsProvider.AUTO);
        sslCertMode = first(b.sslCertMode, layers.get("sslcertmode", SslCertMode::fromKeyword), SslCertMode.ALLOW);
        String peer = first(b.requirePeer, layers.get("requirepeer"));
        requirePeer = peer == null || peer.isEmpty() ? null : peer;
        sslMode = resolveSslMode(first(b.sslMode, layers.get("sslmode", SslMode::fromKeyword)));
        channelBinding = first(b.channelBinding, layers.get("channel_binding", ChannelBinding::fromKeyword),
                ChannelBinding.PREFER);
        targetSessionAttrs = first(b.targetSessionAttrs,
                layers.get("target_session_attrs", TargetSessionAttrs::fromKeyword), TargetSessionAttrs.ANY);
        loadBalanceHosts = first(b.loadBalanceHosts,
                layers.get("load_balance_hosts", OptionValues::loadBalanceHosts), false);
        keepalives = first(b.keepalives, layers.get("keepalives", OptionValues::keepalives), true);
        keepalivesIdle = first(b.keepalivesIdle,
                layers.get("keepalives_idle", OptionValues.keepaliveSeconds("keepalives_idle")));
        keepalivesInterval = first(b.keepalivesInterval,
                layers.get("keepalives_interval", OptionValues.keepaliveSeconds("keepalives_interval")));
        keepalivesCount = first(b.keepalivesCount, layers.get("keepalives_count", OptionValues::keepalivesCount));
        tcpUserTimeout = first(b.tcpUserTimeout, layers.get("tcp_user_timeout", OptionValues::tcpUserTimeout),
                Duration.ZERO);
        requireAuth = Collections.unmodifiableSet(first(b.requireAuth,
                layers.get("require_auth", AuthenticationMethod::parseRequireAuth),
                EnumSet.allOf(AuthenticationMethod.class)));
        minProtocolVersion = first(b.minProtocolVersion,
                layers.get("min_protocol_version", ProtocolVersion::fromKeyword), ProtocolVersion.V3_0);
        maxProtocolVersion = first(b.maxProtocolVersion,
                layers.get("max_protocol_version", ProtocolVersion::fromKeyword), ProtocolVersion.V3_0);
        if (minProtocolVersion.compareTo(maxProtocolVersion) > 0) {
            throw new InterfaceException("min_protocol_version " + minProtocolVersion.keyword()
                    + " is greater than max_protocol_version " + maxProtocolVersion.keyword());
        }
    }

    /** libpq's rules: sslrootcert=system asks for verify-full, and direct TLS needs TLS to be mandatory. */
    private SslMode resolveSslMode(SslMode given) {
        boolean systemRoots = sslRootCert != null && sslRootCert.toString().equals("system");
        SslMode mode = given != null ? given : systemRoots ? SslMode.VERIFY_FULL : SslMode.PREFER;
        if (systemRoots && mode != SslMode.VERIFY_FULL) {
            throw new InterfaceException("weak sslmode \"" + mode.keyword()
                    + "\" may not be used with sslrootcert=system (use \"verify-full\")");
        }
        if (sslNegotiation == SslNegotiation.DIRECT && mode.compareTo(SslMode.REQUIRE) < 0) {
            throw new InterfaceException("weak sslmode \"" + mode.keyword() + "\" may not be used with "
                    + "sslnegotiation=direct (use \"require\", \"verify-ca\" or \"verify-full\")");
        }
        return mode;
    }

    /** A builder with nothing set: every setting comes from the environment or the defaults until set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The options a connection string gives, completed from the environment and the defaults;
     * the same as {@code builder().dsn(dsn).build()}.
     *
     * @throws InterfaceException if the string is malformed or a value is invalid (never showing a password)
     */
    public static ConnectOptions parse(String dsn) {
        return builder().dsn(dsn).build();
    }

    /**
     * A builder holding what this was built from (the explicit values, the connection string and
     * the environment choice), so that {@code toBuilder().x(...).build()} changes only {@code x}.
     */
    public Builder toBuilder() {
        return source.copy();
    }

    /**
     * The connection service whose group in the service file supplied settings (libpq
     * {@code service}), or null when none was named.
     */
    public String service() {
        return service;
    }

    /** The servers to try, in order, each with its own port; never empty. */
    public List<HostAndPort> hosts() {
        return hosts;
    }

    /** The user name to log in as. */
    public String user() {
        return user;
    }

    /** The database to connect to. */
    public String database() {
        return database;
    }

    /**
     * The password, or null when none was given (the password file may still supply one per
     * host). When a {@linkplain Builder#passwordSupplier supplier} was set, it is called at each
     * call of this method, so each connection gets a fresh value.
     */
    public String password() {
        return passwordSupplier != null ? passwordSupplier.get() : password;
    }

    /** The password file to consult when {@link #password()} is null (default {@code ~/.pgpass}); null for none. */
    public Path passfile() {
        return passfile;
    }

    /** The {@code application_name} sent at startup, or null. */
    public String applicationName() {
        return applicationName;
    }

    /** libpq's {@code options}: command-line options for the server process (e.g. {@code -c geqo=off}), or null. */
    public String options() {
        return options;
    }

    /**
     * Further run-time parameters sent in the startup message: {@code timezone} from {@code PGTZ}
     * and {@code geqo} from {@code PGGEQO} as in libpq (unless given explicitly), then the
     * explicit ones in the order given; unmodifiable.
     */
    public Map<String, String> serverSettings() {
        return serverSettings;
    }

    /** How long one connection attempt may take, per host; {@link Duration#ZERO} waits forever. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The default timeout of each query, or null for none. */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** How many prepared statements each connection caches; 0 disables the cache. */
    public int statementCacheSize() {
        return statementCacheSize;
    }

    /** How long a cached statement may be reused; {@link Duration#ZERO} for no limit. */
    public Duration maxCachedStatementLifetime() {
        return maxCachedStatementLifetime;
    }

    /** The longest statement text, in characters, that is cached; 0 for no limit. */
    public int maxCacheableStatementSize() {
        return maxCacheableStatementSize;
    }

    /** The largest backend message, in bytes, that may be long (data rows, COPY data, errors, ...). */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Whether {@code executemany} of a plain single-row INSERT inserts a chunk of rows per
     * execution; see {@link Builder#rewriteBatchedInserts(boolean)}.
     */
    public boolean rewriteBatchedInserts() {
        return rewriteBatchedInserts;
    }

    /** How much TLS is required. */
    public SslMode sslMode() {
        return sslMode;
    }

    /** How TLS is started: after an SSLRequest, or directly. */
    public SslNegotiation sslNegotiation() {
        return sslNegotiation;
    }

    /** The oldest TLS version to accept (libpq {@code ssl_min_protocol_version}, default TLS 1.2). */
    public TlsVersion sslMinProtocolVersion() {
        return sslMinProtocolVersion;
    }

    /** The newest TLS version to offer (libpq {@code ssl_max_protocol_version}), or null for no bound (the default). */
    public TlsVersion sslMaxProtocolVersion() {
        return sslMaxProtocolVersion;
    }

    /**
     * Whether the TLS handshake names the server's host (Server Name Indication) when the host is
     * a name rather than an address (libpq {@code sslsni}, default true).
     */
    public boolean sslSni() {
        return sslSni;
    }

    /** Whether a client certificate is sent, and must be (libpq {@code sslcertmode}, default {@code allow}). */
    public SslCertMode sslCertMode() {
        return sslCertMode;
    }

    /**
     * The operating-system user the server must run as on a Unix-domain socket (libpq
     * {@code requirepeer}), or null for no check (the default).
     */
    public String requirePeer() {
        return requirePeer;
    }

    /** Which TLS implementation encrypts the connection (default {@link TlsProvider#AUTO}). */
    public TlsProvider tlsProvider() {
        return tlsProvider;
    }

    /** The oldest protocol version the server may answer with (libpq {@code min_protocol_version}, default 3.0). */
    public ProtocolVersion minProtocolVersion() {
        return minProtocolVersion;
    }

    /** The protocol version asked for at start-up (libpq {@code max_protocol_version}, default 3.0). */
    public ProtocolVersion maxProtocolVersion() {
        return maxProtocolVersion;
    }

    /** The file of trusted root certificates, the special path {@code system} for the JDK's, or null. */
    public Path sslRootCert() {
        return sslRootCert;
    }

    /** The client certificate file, or null (then {@code ~/.postgresql/postgresql.crt} if present). */
    public Path sslCert() {
        return sslCert;
    }

    /** The client private key file, or null (then {@code ~/.postgresql/postgresql.key} if present). */
    public Path sslKey() {
        return sslKey;
    }

    /** The passphrase of the client key, or null. */
    public String sslPassword() {
        return sslPassword;
    }

    /** The certificate revocation list file, or null. */
    public Path sslCrl() {
        return sslCrl;
    }

    /**
     * A directory of certificate revocation lists named by issuer hash, as {@code openssl rehash}
     * makes them (libpq {@code sslcrldir}), or null.
     */
    public Path sslCrlDir() {
        return sslCrlDir;
    }

    /**
     * The file to which the TLS secrets of each connection are appended in the NSS key log format,
     * for Wireshark and other tools to decrypt the traffic (libpq {@code sslkeylogfile}), or null.
     */
    public Path sslKeyLogFile() {
        return sslKeyLogFile;
    }

    /** A TLS context that replaces the one built from the ssl* files, or null. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** Whether SCRAM binds to the TLS channel. */
    public ChannelBinding channelBinding() {
        return channelBinding;
    }

    /** Which kind of server the connection must end up on. */
    public TargetSessionAttrs targetSessionAttrs() {
        return targetSessionAttrs;
    }

    /** Whether the hosts are tried in random order (libpq {@code load_balance_hosts=random}). */
    public boolean loadBalanceHosts() {
        return loadBalanceHosts;
    }

    /**
     * The authentication methods the server may ask for (libpq {@code require_auth}); all of them
     * unless limited. Without {@link AuthenticationMethod#NONE}, the server must complete an
     * authentication exchange before it lets the client in.
     */
    public Set<AuthenticationMethod> requireAuth() {
        return requireAuth;
    }

    /** Whether TCP keepalives are on. */
    public boolean keepalives() {
        return keepalives;
    }

    /** How long the connection is idle before the first keepalive probe (whole seconds), or null for the system's value. */
    public Duration keepalivesIdle() {
        return keepalivesIdle;
    }

    /** The time between unanswered keepalive probes (whole seconds), or null for the system's value. */
    public Duration keepalivesInterval() {
        return keepalivesInterval;
    }

    /** How many unanswered keepalive probes drop the connection, or null for the system's value. */
    public Integer keepalivesCount() {
        return keepalivesCount;
    }

    /**
     * How long sent data may stay unacknowledged before the operating system drops the connection
     * (libpq {@code tcp_user_timeout}); {@link Duration#ZERO} for the system's value (the default).
     */
    public Duration tcpUserTimeout() {
        return tcpUserTimeout;
    }

    /** Every setting, with the password, the supplier and the key passphrase shown as {@code ***}. */
    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", "ConnectOptions[", "]");
        addIfSet(out, "service", service);
        out.add("hosts=" + hosts).add("user=" + user).add("database=" + database)
                .add("password=" + (password != null || passwordSupplier != null ? "***" : "none"))
                .add("passfile=" + passfile);
        addIfSet(out, "applicationName", applicationName);
        addIfSet(out, "options", options);
        if (!serverSettings.isEmpty()) {
            out.add("serverSettings=" + serverSettings);
        }
        out.add("sslMode=" + sslMode.keyword()).add("sslNegotiation=" + sslNegotiation.keyword());
        if (sslMinProtocolVersion != TlsVersion.TLS_1_2 || sslMaxProtocolVersion != null) {
            out.add("sslProtocolVersions=" + sslMinProtocolVersion.keyword() + ".."
                    + (sslMaxProtocolVersion == null ? "" : sslMaxProtocolVersion.keyword()));
        }
        if (!sslSni) {
            out.add("sslSni=false");
        }
        addIfSet(out, "requirePeer", requirePeer);
        if (sslCertMode != SslCertMode.ALLOW) {
            out.add("sslCertMode=" + sslCertMode.keyword());
        }
        if (tlsProvider != TlsProvider.AUTO) {
            out.add("tlsProvider=" + tlsProvider);
        }
        if (minProtocolVersion != ProtocolVersion.V3_0 || maxProtocolVersion != ProtocolVersion.V3_0) {
            out.add("protocolVersion=" + minProtocolVersion.keyword() + ".." + maxProtocolVersion.keyword());
        }
        addIfSet(out, "sslRootCert", sslRootCert);
        addIfSet(out, "sslCert", sslCert);
        addIfSet(out, "sslKey", sslKey);
        addIfSet(out, "sslPassword", sslPassword == null ? null : "***");
        addIfSet(out, "sslCrl", sslCrl);
        addIfSet(out, "sslCrlDir", sslCrlDir);
        addIfSet(out, "sslKeyLogFile", sslKeyLogFile);
        addIfSet(out, "sslContext", sslContext == null ? null : "custom");
        out.add("channelBinding=" + channelBinding.keyword())
                .add("targetSessionAttrs=" + targetSessionAttrs.keyword())
                .add("loadBalanceHosts=" + loadBalanceHosts).add("keepalives=" + keepalives);
        addIfSet(out, "keepalivesIdle", keepalivesIdle);
        addIfSet(out, "keepalivesInterval", keepalivesInterval);
        addIfSet(out, "keepalivesCount", keepalivesCount);
        if (!tcpUserTimeout.isZero()) {
            out.add("tcpUserTimeout=" + tcpUserTimeout);
        }
        if (requireAuth.size() < AuthenticationMethod.values().length) {
            out.add("requireAuth=" + requireAuth);
        }
        out.add("connectTimeout=" + connectTimeout)
                .add("commandTimeout=" + (commandTimeout == null ? "none" : commandTimeout))
                .add("statementCacheSize=" + statementCacheSize)
                .add("maxCachedStatementLifetime=" + maxCachedStatementLifetime)
                .add("maxCacheableStatementSize=" + maxCacheableStatementSize)
                .add("maxMessageSize=" + maxMessageSize)
                .add("rewriteBatchedInserts=" + rewriteBatchedInserts);
        return out.toString();
    }

    private static void addIfSet(StringJoiner out, String name, Object value) {
        if (value != null) {
            out.add(name + "=" + value);
        }
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    /** Startup-message strings are NUL-terminated, so an embedded NUL would cut or forge them. */
    private static String noNul(String option, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new InterfaceException(option + " must not contain a NUL character");
        }
        return value;
    }

    /**
     * The run-time parameters libpq takes from the environment ({@code PGTZ}, {@code PGGEQO}),
     * then the explicit ones, which win over them whatever the case of their names.
     */
    private static Map<String, String> withEnvironmentSettings(Map<String, String> explicit,
            Map<String, String> environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        ENVIRONMENT_SETTINGS.forEach((variable, setting) -> {
            String value = environment.get(variable);
            if (value != null && !value.isEmpty() && explicit.keySet().stream().noneMatch(setting::equalsIgnoreCase)) {
                ServerSettings.check(setting, value);
                settings.put(setting, value);
            }
        });
        settings.putAll(explicit);
        return settings;
    }

    private static Path defaultPassfile() {
        Path home = homeDirectory();
        return home == null ? null : home.resolve(".pgpass");
    }

    private static Path homeDirectory() {
        String home = System.getProperty("user.home");
        return home == null || home.isEmpty() ? null : Path.of(home);
    }

    /**
     * Collects settings for {@link ConnectOptions}. Every setter overrides the connection string
     * and the environment for its setting; passing null to a setter of an object value unsets it
     * again. Not thread-safe.
     */
    public static final class Builder implements Cloneable {

        private Map<String, String> dsn = Map.of();
        private String service;
        private Path serviceFile;
        private String host;
        private String hostaddr;
        private List<HostAndPort> hosts;
        private Integer port;
        private String user;
        private String password;
        private Supplier<String> passwordSupplier;
        private Path passfile;
        private String database;
        private String applicationName;
        private String options;
        private Map<String, String> serverSettings = new LinkedHashMap<>();
        private Duration connectTimeout;
        private Duration commandTimeout;
        private int statementCacheSize = DEFAULT_STATEMENT_CACHE_SIZE;
        private Duration maxCachedStatementLifetime = DEFAULT_MAX_CACHED_STATEMENT_LIFETIME;
        private int maxCacheableStatementSize = DEFAULT_MAX_CACHEABLE_STATEMENT_SIZE;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private boolean rewriteBatchedInserts;
        private SslMode sslMode;
        private Path sslRootCert;
        private Path sslCert;
        private Path sslKey;
        private String sslPassword;
        private Path sslCrl;
        private Path sslCrlDir;
        private Path sslKeyLogFile;
        private SSLContext sslContext;
        private SslNegotiation sslNegotiation;
        private TlsVersion sslMinProtocolVersion;
        private TlsVersion sslMaxProtocolVersion;
        private Boolean sslSni;
        private TlsProvider tlsProvider;
        private SslCertMode sslCertMode;
        private String requirePeer;
        private ProtocolVersion minProtocolVersion;
        private ProtocolVersion maxProtocolVersion;
        private ChannelBinding channelBinding;
        private TargetSessionAttrs targetSessionAttrs;
        private Boolean loadBalanceHosts;
        private Boolean keepalives;
        private Duration keepalivesIdle;
        private Duration keepalivesInterval;
        private Integer keepalivesCount;
        private Duration tcpUserTimeout;
        private Set<AuthenticationMethod> requireAuth;
        private boolean useEnvironment = true;
        private Map<String, String> environment;

        private Builder() {
        }

        /**
         * An independent copy: later changes to either builder leave the other alone. Cloning
         * (rather than copying field by field) cannot forget a field added later.
         */
        private Builder copy() {
            try {
                Builder copy = (Builder) clone();
                copy.serverSettings = new LinkedHashMap<>(serverSettings);
                return copy;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError("Builder is Cloneable", e);
            }
        }

        /**
         * A libpq connection string, URI ({@code postgresql://user@host:5432/db?sslmode=require})
         * or {@code keyword=value} form ({@code host=localhost dbname=db}); null removes it. Parsed
         * at once.
         *
         * @throws InterfaceException if it is malformed or names an unknown or unsupported keyword
         */
        public Builder dsn(String dsn) {
            this.dsn = dsn == null ? Map.of() : DsnParser.parse(dsn);
            return this;
        }

        /**
         * A connection service: a named group of settings in the service file (libpq
         * {@code service}, {@code PGSERVICE}). Its settings come below the connection string's
         * and above the environment's; null unsets. The service must exist when the options are
         * built.
         */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /**
         * The per-user service file (libpq {@code servicefile}, {@code PGSERVICEFILE}; default
         * {@code ~/.pg_service.conf}); the system-wide {@code $PGSYSCONFDIR/pg_service.conf} is
         * searched after it. Null unsets.
         */
        public Builder serviceFile(Path serviceFile) {
            this.serviceFile = serviceFile;
            return this;
        }

        /**
         * The host name, IP address or Unix-socket directory (an absolute path) to connect to, or a
         * comma-separated list of them to try in order. Ports come from {@link #port(int)}, the
         * connection string or the environment. Replaces {@link #hosts(List)}.
         */
        public Builder host(String host) {
            this.host = host;
            this.hosts = null;
            return this;
        }

        /**
         * The numeric IP address to connect to instead of looking the host up, or a
         * comma-separated list of them, one per host (libpq {@code hostaddr}, {@code PGHOSTADDR});
         * an empty item looks its host up. The host name is still what TLS checks the certificate
         * against and what the password file is searched for; without a host, the address is the
         * name. Replaces {@link #hosts(List)}; null unsets.
         */
        public Builder hostaddr(String hostaddr) {
            this.hostaddr = hostaddr;
            this.hosts = null;
            return this;
        }

        /**
         * The servers to try, in order, each with its own port; replaces {@link #host(String)} and
         * ignores {@link #port(int)}. Null unsets; an empty list is refused.
         */
        public Builder hosts(List<HostAndPort> hosts) {
            if (hosts != null && hosts.isEmpty()) {
                throw new InterfaceException("hosts must not be empty (pass null to unset)");
            }
            this.hosts = hosts == null ? null : List.copyOf(hosts);
            this.host = null;
            this.hostaddr = null;
            return this;
        }

        /** The port for every host given by {@link #host(String)}, the connection string or the environment. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The user name to log in as. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The password; replaces a {@linkplain #passwordSupplier supplier}. */
        public Builder password(String password) {
            this.password = password;
            this.passwordSupplier = null;
            return this;
        }

        /**
         * A source of the password, called at each connection attempt (for rotating credentials
         * such as cloud IAM tokens); replaces {@link #password(String)}. It may return null to
         * fall back to the password file.
         */
        public Builder passwordSupplier(Supplier<String> passwordSupplier) {
            this.passwordSupplier = passwordSupplier;
            this.password = null;
            return this;
        }

        /** The password file (default {@code PGPASSFILE}, then {@code ~/.pgpass}). */
        public Builder passfile(Path passfile) {
            this.passfile = passfile;
            return this;
        }

        /** The database to connect to (default: the user name). */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        /** The {@code application_name} shown in {@code pg_stat_activity}. */
        public Builder applicationName(String applicationName) {
            this.applicationName = applicationName;
            return this;
        }

        /** libpq's {@code options}: server command-line options, e.g. {@code -c search_path=app}. */
        public Builder options(String options) {
            this.options = options;
            return this;
        }

        /** Adds a run-time parameter to send in the startup message, e.g. {@code ("timezone", "UTC")}. */
        public Builder serverSetting(String name, String value) {
            serverSettings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds every entry as by {@link #serverSetting(String, String)}; earlier entries of the same name are replaced. */
        public Builder serverSettings(Map<String, String> settings) {
            settings.forEach(this::serverSetting);
            return this;
        }

        /** How long one connection attempt may take, per host (default 60 s); {@link Duration#ZERO} waits forever. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** The default timeout of each query; null (the default) for none. */
        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
            return this;
        }

        /**
         * How many prepared statements each connection caches (default 100); 0 disables the cache
         * (unnamed statements only). Behind a pooler in transaction mode (PgBouncer) there is no
         * need to set 0: a connection that finds a pooler between itself and the server (the
         * process id of its start-up is not the backend's) turns its cache off by itself.
         */
        public Builder statementCacheSize(int statementCacheSize) {
            this.statementCacheSize = statementCacheSize;
            return this;
        }

        /** How long a cached statement may be reused (default 300 s); {@link Duration#ZERO} for no limit. */
        public Builder maxCachedStatementLifetime(Duration maxCachedStatementLifetime) {
            this.maxCachedStatementLifetime = maxCachedStatementLifetime;
            return this;
        }

        /** The longest statement text, in characters, to cache (default 15360); 0 for no limit. */
        public Builder maxCacheableStatementSize(int maxCacheableStatementSize) {
            this.maxCacheableStatementSize = maxCacheableStatementSize;
            return this;
        }

        /**
         * The largest backend message, in bytes, accepted for the types that may be long (data
         * rows, COPY data, ...); default 1 GiB, at least {@value #MIN_MAX_MESSAGE_SIZE}. A longer
         * message closes the connection.
         */
        public Builder maxMessageSize(int maxMessageSize) {
            this.maxMessageSize = maxMessageSize;
            return this;
        }

        /**
         * Whether {@link Connection#executemany(String, Iterable)} of a plain single-row INSERT
         * inserts many rows per execution (default false), as pgjdbc's
         * {@code reWriteBatchedInserts}. The statement must be
         * {@code INSERT INTO table [AS alias] [(columns)] [OVERRIDING ... VALUE] VALUES ($1, ..., $n)}:
         * each value exactly one parameter, numbered in order, and nothing after the list (no
         * RETURNING, no ON CONFLICT, one tuple). It then runs as
         * {@code INSERT INTO table [(columns)] SELECT unnest($1), ..., unnest($n)}, each parameter
         * an array holding one column of a chunk of up to thousands of rows, which the server
         * plans and executes once per chunk instead of once per row: several times faster for
         * small rows.
         *
         * <p>The batch stays atomic (one implicit transaction, one round trip once the statements
         * are cached), values are encoded as without the option, and any other statement, a
         * parameter type without a known array type, and {@code fetchmany} run row by row as
         * usual. <b>Caveat:</b> statement-level triggers ({@code FOR EACH STATEMENT}) on the table
         * fire once per chunk rather than once per row, and a server error cannot say which row
         * caused it; row-level triggers, defaults and constraints behave as before. Hence off by
         * default.
         */
        public Builder rewriteBatchedInserts(boolean rewriteBatchedInserts) {
            this.rewriteBatchedInserts = rewriteBatchedInserts;
            return this;
        }

        /** How much TLS is required (default prefer, or verify-full with {@code sslrootcert=system}). */
        public Builder sslMode(SslMode sslMode) {
            this.sslMode = sslMode;
            return this;
        }

        /** The trusted root certificates (PEM), or {@code Path.of("system")} for the JDK's trust store. */
        public Builder sslRootCert(Path sslRootCert) {
            this.sslRootCert = sslRootCert;
            return this;
        }

        /** The client certificate (PEM). */
        public Builder sslCert(Path sslCert) {
            this.sslCert = sslCert;
            return this;
        }

        /** The client private key (PEM). */
        public Builder sslKey(Path sslKey) {
            this.sslKey = sslKey;
            return this;
        }

        /** The passphrase of the client key. */
        public Builder sslPassword(String sslPassword) {
            this.sslPassword = sslPassword;
            return this;
        }

        /** A certificate revocation list (PEM) to check the server certificate against. */
        public Builder sslCrl(Path sslCrl) {
            this.sslCrl = sslCrl;
            return this;
        }

        /**
         * A directory of certificate revocation lists (libpq {@code sslcrldir},
         * {@code PGSSLCRLDIR}), each named by its issuer's hash as {@code openssl rehash} makes
         * them ({@code 1a2b3c4d.r0}); read with {@link #sslCrl(Path)}'s file when both are given.
         * Setting either one replaces the default {@code ~/.postgresql/root.crl}.
         */
        public Builder sslCrlDir(Path sslCrlDir) {
            this.sslCrlDir = sslCrlDir;
            return this;
        }

        /**
         * Appends the TLS secrets of every connection made with these options to this file, in the
         * NSS key log format that Wireshark reads to decrypt a capture (libpq
         * {@code sslkeylogfile}). For debugging only: whoever reads the file can read the traffic
         * of those connections. The file is created readable by its owner alone; a file that
         * cannot be written is reported in a warning (logger {@code dev.tusk.internal.tls.KeyLog})
         * and the connection goes on, as in libpq. Needs the OpenSSL engine
         * ({@link TlsProvider}): the JDK's cannot give its keys.
         */
        public Builder sslKeyLogFile(Path sslKeyLogFile) {
            this.sslKeyLogFile = sslKeyLogFile;
            return this;
        }

        /** A ready TLS context to use instead of one built from the ssl* files; sslmode still decides whether TLS is used. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** How TLS is started (default {@link SslNegotiation#POSTGRES}). */
        public Builder sslNegotiation(SslNegotiation sslNegotiation) {
            this.sslNegotiation = sslNegotiation;
            return this;
        }

        /**
         * The oldest TLS version to accept (libpq {@code ssl_min_protocol_version},
         * {@code PGSSLMINPROTOCOLVERSION}; default TLS 1.2). Null restores the default.
         */
        public Builder sslMinProtocolVersion(TlsVersion version) {
            this.sslMinProtocolVersion = version;
            return this;
        }

        /**
         * The newest TLS version to offer (libpq {@code ssl_max_protocol_version},
         * {@code PGSSLMAXPROTOCOLVERSION}); null for no bound (the default).
         */
        public Builder sslMaxProtocolVersion(TlsVersion version) {
            this.sslMaxProtocolVersion = version;
            return this;
        }

        /**
         * Whether to send the host name in the TLS handshake (Server Name Indication) when the host
         * is a name rather than an address (libpq {@code sslsni}, {@code PGSSLSNI}; default true).
         * Proxies that route TLS connections by name need it.
         */
        public Builder sslSni(boolean sslSni) {
            this.sslSni = sslSni;
            return this;
        }

        /**
         * Whether the client certificate is sent when the server asks for one (libpq
         * {@code sslcertmode}, {@code PGSSLCERTMODE}): {@link SslCertMode#ALLOW} (the default),
         * {@link SslCertMode#DISABLE} never, {@link SslCertMode#REQUIRE} fails the connection
         * when the server lets the client in without one.
         */
        public Builder sslCertMode(SslCertMode sslCertMode) {
            this.sslCertMode = Objects.requireNonNull(sslCertMode, "sslCertMode");
            return this;
        }

        /**
         * The operating-system user name the server must run as (libpq {@code requirepeer},
         * {@code PGREQUIREPEER}): on a Unix-domain socket the kernel's record of the peer
         * ({@code SO_PEERCRED}) is checked before anything is sent, and a server under another
         * user is refused. TCP connections are not checked, as in libpq. Null or empty: no check.
         */
        public Builder requirePeer(String user) {
            this.requirePeer = user;
            return this;
        }

        /**
         * Which TLS implementation encrypts the connection: {@link TlsProvider#AUTO} (the default)
         * takes OpenSSL when {@code io.netty:netty-tcnative-boringssl-static} is on the class path
         * and the JDK otherwise; {@link TlsProvider#JDK} and {@link TlsProvider#OPENSSL} insist.
         * No libpq keyword: libpq is OpenSSL.
         */
        public Builder tlsProvider(TlsProvider tlsProvider) {
            this.tlsProvider = Objects.requireNonNull(tlsProvider, "tlsProvider");
            return this;
        }

        /**
         * The oldest protocol version to accept (libpq {@code min_protocol_version}; default
         * {@link ProtocolVersion#V3_0}): a server that offers only an older one is refused.
         */
        public Builder minProtocolVersion(ProtocolVersion minProtocolVersion) {
            this.minProtocolVersion = minProtocolVersion;
            return this;
        }

        /**
         * The protocol version to ask for (libpq {@code max_protocol_version}; default
         * {@link ProtocolVersion#V3_0}, as libpq 18). {@link ProtocolVersion#V3_2} gets PostgreSQL
         * 18's long cancel keys; an older server answers that it speaks 3.0 and the connection goes
         * on with 3.0. It is not the default because poolers may refuse it: PgBouncer 1.18 closes
         * the connection with "bad packet header".
         */
        public Builder maxProtocolVersion(ProtocolVersion maxProtocolVersion) {
            this.maxProtocolVersion = maxProtocolVersion;
            return this;
        }

        /** Whether SCRAM binds to the TLS channel (default {@link ChannelBinding#PREFER}). */
        public Builder channelBinding(ChannelBinding channelBinding) {
            this.channelBinding = channelBinding;
            return this;
        }

        /** Which kind of server the connection must end up on (default {@link TargetSessionAttrs#ANY}). */
        public Builder targetSessionAttrs(TargetSessionAttrs targetSessionAttrs) {
            this.targetSessionAttrs = targetSessionAttrs;
            return this;
        }

        /** Whether to try the hosts in random order (default false). */
        public Builder loadBalanceHosts(boolean loadBalanceHosts) {
            this.loadBalanceHosts = loadBalanceHosts;
            return this;
        }

        /** Whether to turn TCP keepalives on (default true). */
        public Builder keepalives(boolean keepalives) {
            this.keepalives = keepalives;
            return this;
        }

        /**
         * How long the connection may be idle before the first keepalive probe (libpq
         * {@code keepalives_idle}); whole seconds, 1 to 32767. Null (the default) leaves the
         * system's value (two hours on Linux). Applies only with keepalives on.
         */
        public Builder keepalivesIdle(Duration idle) {
            this.keepalivesIdle = idle == null ? null
                    : Duration.ofSeconds(OptionValues.checkKeepaliveSeconds("keepalivesIdle", idle.getSeconds()));
            return this;
        }

        /**
         * The time between keepalive probes that get no answer (libpq {@code keepalives_interval});
         * whole seconds, 1 to 32767. Null (the default) leaves the system's value.
         */
        public Builder keepalivesInterval(Duration interval) {
            this.keepalivesInterval = interval == null ? null
                    : Duration.ofSeconds(OptionValues.checkKeepaliveSeconds("keepalivesInterval", interval.getSeconds()));
            return this;
        }

        /**
         * How many unanswered keepalive probes drop the connection (libpq {@code keepalives_count});
         * 1 to 127. Null (the default) leaves the system's value.
         */
        public Builder keepalivesCount(Integer count) {
            this.keepalivesCount = count == null ? null : OptionValues.checkKeepalivesCount(count);
            return this;
        }

        /**
         * How long data sent may stay unacknowledged before the operating system drops the
         * connection (libpq {@code tcp_user_timeout}, Linux's {@code TCP_USER_TIMEOUT}); it ends a
         * connection to a vanished server mid-query without waiting for keepalives. Null or
         * {@link Duration#ZERO} (the default) leaves the system's value. Needs Netty's native
         * epoll transport; with NIO the connect fails saying so.
         */
        public Builder tcpUserTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE)) {
                throw new InterfaceException("tcpUserTimeout must be 0 to " + Integer.MAX_VALUE + " ms, got " + timeout);
            }
            this.tcpUserTimeout = timeout;
            return this;
        }

        /**
         * Limits the authentication methods the server may ask for (libpq {@code require_auth},
         * {@code PGREQUIREAUTH}); a request for any other fails the connect before a password is
         * sent. Leave out {@link AuthenticationMethod#NONE} to require the server to authenticate
         * the client at all; pass {@code EnumSet.complementOf(EnumSet.of(PASSWORD))} for libpq's
         * {@code !password}. Null allows every method again (the default); an empty set is refused.
         */
        public Builder requireAuth(Set<AuthenticationMethod> allowed) {
            if (allowed != null && allowed.isEmpty()) {
                throw new InterfaceException("requireAuth must allow at least one method (pass null to allow all)");
            }
            this.requireAuth = allowed == null ? null : EnumSet.copyOf(allowed);
            return this;
        }

        /**
         * Whether libpq's {@code PG*} environment variables supply settings that are not given
         * otherwise (default true). The password file default ({@code ~/.pgpass}) does not depend
         * on this.
         */
        public Builder useEnvironment(boolean useEnvironment) {
            this.useEnvironment = useEnvironment;
            return this;
        }

        /** Replaces the process environment for tests; null restores it. */
        Builder environment(Map<String, String> environment) {
            this.environment = environment == null ? null : Map.copyOf(environment);
            return this;
        }

        /**
         * The options: these settings, completed from the connection string, the environment and
         * the defaults.
         *
         * @throws InterfaceException naming the option when a value is impossible or settings conflict
         */
        public ConnectOptions build() {
            return new ConnectOptions(this);
        }

        private Map<String, String> environment() {
            if (!useEnvironment) {
                return Map.of();
            }
            return environment != null ? environment : System.getenv();
        }

        private void validate() {
            if (port != null && (port < 1 || port > 65535)) {
                throw new InterfaceException("port must be 1 to 65535, got " + port);
            }
            atLeast("statementCacheSize", statementCacheSize, 0);
            atLeast("maxCacheableStatementSize", maxCacheableStatementSize, 0);
            atLeast("maxMessageSize", maxMessageSize, MIN_MAX_MESSAGE_SIZE);
            if (maxCachedStatementLifetime == null || maxCachedStatementLifetime.isNegative()) {
                throw new InterfaceException("maxCachedStatementLifetime must be >= 0 (ZERO for no limit), got "
                        + maxCachedStatementLifetime);
            }
            if (connectTimeout != null && connectTimeout.isNegative()) {
                throw new InterfaceException("connectTimeout must be >= 0 (ZERO waits forever), got " + connectTimeout);
            }
            if (commandTimeout != null && (commandTimeout.isNegative() || commandTimeout.isZero())) {
                throw new InterfaceException("commandTimeout must be positive (null for none), got " + commandTimeout);
            }
            serverSettings.forEach(ServerSettings::check);
        }

        private static void atLeast(String option, int value, int minimum) {
            if (value < minimum) {
                throw new InterfaceException(option + " must be >= " + minimum + ", got " + value);
            }
        }
    }
}
