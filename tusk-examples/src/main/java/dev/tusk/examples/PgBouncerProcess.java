package dev.tusk.examples;

import dev.tusk.testkit.TempCluster;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PgBouncer in transaction mode in front of a {@link TempCluster}: its configuration and log in
 * a temporary directory of its own, listening on a free loopback port, run in the foreground as a
 * child process (as {@code nobody} when the JVM is root, since PgBouncer refuses to run as root).
 * {@link #close()} stops it and deletes the directory; so does a shutdown hook if the JVM exits
 * first.
 */
final class PgBouncerProcess implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final String UNPRIVILEGED_USER = "nobody";
    private static final List<Path> DIRECTORIES_OFF_THE_PATH = List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"));
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Path directory;
    private final int port;
    private final boolean runAsUnprivilegedUser;
    private final Thread shutdownHook = new Thread(this::close, "pgbouncer-stopper");
    private Process process;
    private boolean closed;

    private PgBouncerProcess(Path directory, int port) throws IOException {
        this.directory = directory;
        this.port = port;
        this.runAsUnprivilegedUser = createdByRoot(directory);
    }

    /** Looks for {@code pgbouncer} on the PATH, then in the sbin directories a user's PATH often lacks. */
    static Optional<Path> findExecutable() {
        List<Path> directories = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                directories.add(Path.of(entry));
            }
        }
        directories.addAll(DIRECTORIES_OFF_THE_PATH);
        return directories.stream().map(directory -> directory.resolve("pgbouncer")).filter(Files::isExecutable)
                .findFirst();
    }

    /** The first line of {@code pgbouncer --version}, such as {@code PgBouncer 1.18.0}. */
    static String version(Path executable) throws IOException, InterruptedException {
        Process versionProcess = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(versionProcess.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        versionProcess.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return output.lines().findFirst().orElse("unknown version");
    }

    /**
     * Starts PgBouncer in front of {@code cluster}, pooling at most {@code serverSessions} server
     * sessions, and returns once it accepts TCP connections.
     *
     * @throws IllegalStateException if it exits or does not listen within 10 s; the message carries its log
     */
    static PgBouncerProcess start(Path executable, TempCluster cluster, int serverSessions)
            throws IOException, InterruptedException {
        PgBouncerProcess bouncer = new PgBouncerProcess(Files.createTempDirectory("tusk-pgbouncer-"), freePort());
        Runtime.getRuntime().addShutdownHook(bouncer.shutdownHook);
        try {
            Path ini = bouncer.writeIni(cluster, serverSessions);
            bouncer.process = new ProcessBuilder(bouncer.command(executable, ini)).redirectErrorStream(true)
                    .redirectOutput(bouncer.logFile().toFile()).start();
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException | InterruptedException | RuntimeException e) {
            bouncer.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    private Path logFile() {
        return directory.resolve("pgbouncer.log");
    }

    private Path writeIni(TempCluster cluster, int serverSessions) throws IOException {
        String ini = """
                [databases]
                %s = host=%s port=%d dbname=%s user=%s password=%s
                [pgbouncer]
                listen_addr = %s
                listen_port = %d
                auth_type = any
                pool_mode = transaction
                default_pool_size = %d
                max_client_conn = 100
                unix_socket_dir =
                """.formatted(cluster.database(), cluster.host(), cluster.port(), cluster.database(), cluster.user(),
                cluster.password(), HOST, port, serverSessions);
        Path file = Files.writeString(directory.resolve("pgbouncer.ini"), ini);
        if (runAsUnprivilegedUser) {
            handOverToUnprivilegedUser(directory, file);
        }
        return file;
    }

    private List<String> command(Path executable, Path ini) {
        if (!runAsUnprivilegedUser) {
            return List.of(executable.toString(), ini.toString());
        }
        String shellCommand = "exec '" + executable + "' '" + ini + "'";
        return List.of("su", "-s", "/bin/sh", UNPRIVILEGED_USER, "-c", shellCommand);
    }

    /** Whether the JVM that just created {@code directory} runs as root. */
    private static boolean createdByRoot(Path directory) throws IOException {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(directory, "unix:uid"));
        } catch (UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void handOverToUnprivilegedUser(Path... paths) throws IOException {
        UserPrincipal user = FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(UNPRIVILEGED_USER);
        for (Path path : paths) {
            Files.setOwner(path, user);
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LISTEN_TIMEOUT.toNanos();
        while (!acceptsConnections()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited with status " + process.exitValue()
                        + " before listening on " + HOST + ":" + port + "; its log:\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pgbouncer did not listen on " + HOST + ":" + port + " within "
                        + LISTEN_TIMEOUT.toSeconds() + " s; its log:\n" + log());
            }
            Thread.sleep(100);
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(logFile());
        } catch (IOException e) {
            return "(could not read " + logFile() + ": " + e + ")";
        }
    }

    /** The lines of PgBouncer's log above level LOG (where it logs every client's login and close). */
    String warningsAndErrors() {
        List<String> lines = log().lines().filter(line -> !line.contains("] LOG ")).toList();
        return lines.isEmpty() ? "(none)" : String.join("\n", lines);
    }

    /** Stops PgBouncer (and, when run through {@code su}, the {@code su} around it) and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process != null) {
            stop(process.toHandle());
        }
        deleteDirectory();
        removeShutdownHook();
    }

    private static void stop(ProcessHandle parent) {
        List<ProcessHandle> processes = new ArrayList<>(parent.descendants().toList());
        processes.add(parent);
        processes.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownUnderWay) {
            // the hook is running or about to: nothing left for it to do
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
