package dev.tusk.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code postgres} server process. The JVM starts it as its own child (rather than
 * through {@code pg_ctl start}) so that it can always reap it and kill it by its real pid, even in
 * containers whose init process does not reap orphans.
 */
final class Postmaster {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private final Process process;
    private final PostgresBinaries binaries;
    private final ClusterLayout layout;

    private Postmaster(Process process, PostgresBinaries binaries, ClusterLayout layout) {
        this.process = process;
        this.binaries = binaries;
        this.layout = layout;
    }

    /**
     * Starts the server on the cluster's data directory and waits until it accepts connections.
     *
     * @throws PortInUseException   if another process took the configured port
     * @throws TempClusterException if it exits or is not ready within {@code timeout}; the
     *                              message carries the tail of the server log
     */
    static Postmaster start(PostgresBinaries binaries, ClusterLayout layout, Duration timeout) {
        Path log = layout.logFile();
        try {
            long logOffset = Files.exists(log) ? Files.size(log) : 0;
            Process process = ServerCommand.processBuilder(
                            List.of(binaries.program("postgres"), "-D", layout.dataDirectory().toString()),
                            layout.root())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Postmaster postmaster = new Postmaster(process, binaries, layout);
            postmaster.awaitReady(timeout, logOffset);
            return postmaster;
        } catch (IOException e) {
            throw new TempClusterException("could not start " + binaries.program("postgres") + ": " + e, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the server with a fast shutdown (clients are disconnected), falling back to an
     * immediate shutdown and finally to SIGKILL if it does not go away.
     */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        if (pgCtlStop("fast") && awaitExit()) {
            return;
        }
        if (pgCtlStop("immediate") && awaitExit()) {
            return;
        }
        process.destroyForcibly();
        if (!awaitExit()) {
            throw new TempClusterException("PostgreSQL (pid " + process.pid() + ") did not exit after SIGKILL");
        }
    }

    /**
     * Kills the postmaster with SIGKILL, as a crash would, and waits until its backends have
     * noticed and exited, so that a new server can attach to the data directory.
     */
    void kill() {
        ProcessHandle postmaster = postmasterHandle();
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        if (!awaitExit()) {
            throw new TempClusterException("PostgreSQL (pid " + postmaster.pid() + ") did not exit after SIGKILL");
        }
        long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
        for (ProcessHandle child : children) {
            while (running(child) && System.nanoTime() < deadline) {
                pause();
            }
            if (running(child)) {
                child.destroyForcibly(); // a backend that missed the postmaster's death
            }
        }
    }

    private boolean pgCtlStop(String mode) {
        List<String> command = List.of(binaries.program("pg_ctl"), "stop", "-D", layout.dataDirectory().toString(),
                "-m", mode, "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds()));
        return ServerCommand.run(command, layout.root(), STOP_TIMEOUT.plusSeconds(10)).exitCode() == 0;
    }

    private boolean awaitExit() {
        try {
            return process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TempClusterException("interrupted while waiting for PostgreSQL to exit", e);
        }
    }

    /** The postmaster itself: our child, or its child when {@code runuser} stands in between. */
    private ProcessHandle postmasterHandle() {
        return pidFromFile()
                .flatMap(ProcessHandle::of)
                .orElse(process.toHandle());
    }

    private void awaitReady(Duration timeout, long logOffset) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = logSince(logOffset);
                String message = "PostgreSQL exited with code " + process.exitValue() + " during start-up; server log "
                        + layout.logFile() + ":\n" + log;
                if (log.contains("could not bind") || log.contains("Address already in use")) {
                    throw new PortInUseException(message);
                }
                throw new TempClusterException(message);
            }
            if (isReady()) {
                return;
            }
            pause();
        }
        process.destroyForcibly();
        awaitExit();
        throw new TempClusterException("PostgreSQL did not accept connections within " + timeout
                + "; server log " + layout.logFile() + ":\n" + logSince(logOffset));
    }

    /**
     * Whether postmaster.pid names our process and says it accepts connections. Checking the pid
     * matters after a crash, when the previous server's file still says "ready".
     */
    private boolean isReady() {
        List<String> lines;
        try {
            lines = Files.readAllLines(layout.dataDirectory().resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new TempClusterException("could not read postmaster.pid: " + e, e);
        }
        if (lines.size() < 8 || !lines.get(0).trim().matches("\\d+")) {
            return false; // the server is still writing it
        }
        long pid = Long.parseLong(lines.get(0).trim());
        boolean ours = pid == process.pid() || process.descendants().anyMatch(p -> p.pid() == pid);
        String status = lines.get(7).trim();
        return ours && (status.equals("ready") || status.equals("standby"));
    }

    private Optional<Long> pidFromFile() {
        try {
            String first = Files.readAllLines(layout.dataDirectory().resolve("postmaster.pid")).get(0).trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no usable pid file: fall back to the process we started
        }
    }

    /** Whether {@code process} still runs; a zombie nobody reaps (see class comment) does not. */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone between the two checks
        }
    }

    private String logSince(long offset) {
        try (RandomAccessFile file = new RandomAccessFile(layout.logFile().toFile(), "r")) {
            long start = Math.max(offset, file.length() - 8192);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(server log unreadable: " + e + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TempClusterException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
