package dev.tusk.testkit;

/**
 * The server a test suite shares: one {@link TempCluster} per JVM, started on first use.
 *
 * <p>The shared cluster uses the default version (system property {@code tusk.pg.version},
 * else 17.7.0), {@link AuthMethod#SCRAM_SHA_256} over TCP so that tests exercise real
 * authentication, superuser {@code postgres} with password {@code postgres}, and SSL (a CA,
 * server and client certificate, see {@link TempCluster#caCertPath()}), so TLS tests can use it
 * too. A JVM shutdown hook stops it and deletes its files; tests must not close it.
 *
 * <p>When the environment variable {@value #DSN_VARIABLE} is set, {@link #dsn()} returns it
 * instead and no server is started: the suite then runs against that server (for example a
 * specific PostgreSQL build or a managed instance). {@link #shared()} still starts the embedded
 * server if a test asks for it explicitly, for tests that need server internals such as
 * {@link TempCluster#killServer()}.
 *
 * <pre>{@code
 * @Test
 * void selectsOne() {
 *     String dsn = TestDatabase.dsn();   // postgresql://postgres:postgres@127.0.0.1:<port>/postgres
 *     // connect with the driver under test ...
 * }
 * }</pre>
 */
public final class TestDatabase {

    /** The environment variable that points the test suite at an existing server. */
    public static final String DSN_VARIABLE = "TUSK_TEST_DSN";

    private static TempCluster shared;

    private TestDatabase() {
    }

    /**
     * Returns the JVM-wide cluster, starting it on the first call. Thread-safe.
     *
     * @return the running shared cluster; never close it
     * @throws TempClusterException if it cannot be started
     */
    public static synchronized TempCluster shared() {
        if (shared == null) {
            shared = TempCluster.builder().authMethod(AuthMethod.SCRAM_SHA_256).ssl(true).start();
        }
        return shared;
    }

    /**
     * Returns the connection URI tests should use: {@value #DSN_VARIABLE} when set, else the
     * shared cluster's {@link TempCluster#dsn()}.
     *
     * @return a {@code postgresql://} URI, which may contain a password
     */
    public static String dsn() {
        String external = externalDsn();
        return external != null ? external : shared().dsn();
    }

    /**
     * Whether tests run against an external server named by {@value #DSN_VARIABLE}.
     *
     * @return true when the variable is set and not blank
     */
    public static boolean isExternal() {
        return externalDsn() != null;
    }

    private static String externalDsn() {
        String dsn = System.getenv(DSN_VARIABLE);
        return dsn == null || dsn.isBlank() ? null : dsn;
    }
}
