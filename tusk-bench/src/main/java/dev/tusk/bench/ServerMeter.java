package dev.tusk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the CPU time (user + system) of the PostgreSQL server's processes, the postmaster and
 * every process whose parent it is (backends, background writer, WAL writer, autovacuum...), from
 * Linux's {@code /proc/PID/stat} (fields 14 and 15, {@code utime} and {@code stime}, in clock
 * ticks of {@code getconf CLK_TCK}, 100 per second on every current Linux, hence a resolution of
 * 10 ms: fine over rounds of seconds).
 *
 * <p>The time of a process is taken from its own counters, so a process that exits during a round
 * loses the time it spent in it (a parallel query worker, an autovacuum worker, a connection
 * closed mid-round; the benchmark's connections stay open through all its rounds), and a process
 * that starts during a round counts all its time. Where {@code /proc} is missing (not Linux) or the
 * postmaster cannot be read, every reading is {@linkplain Reading#available() unavailable} and the
 * report shows "–".
 */
final class ServerMeter {

    /** The clock-tick rate assumed when {@code getconf CLK_TCK} cannot be run. */
    private static final long DEFAULT_TICKS_PER_SECOND = 100;

    private static final Path PROC = Path.of("/proc");

    private final long postmasterPid;
    private final double nanosPerTick;

    /**
     * A meter of the server whose postmaster has process id {@code postmasterPid}; zero or
     * negative means unknown. Every reading is unavailable when the pid is unknown, there is no
     * {@code /proc}, or the postmaster's {@code stat} cannot be read (said once on stderr).
     */
    ServerMeter(long postmasterPid) {
        this.postmasterPid = postmasterPid;
        this.nanosPerTick = readable(postmasterPid) ? 1e9 / ticksPerSecond() : Double.NaN;
    }

    /** The CPU ticks so far of the postmaster and of each of its children, by process id. */
    Reading read() {
        Map<Long, Long> ticks = new HashMap<>();
        if (Double.isNaN(nanosPerTick)) {
            return new Reading(ticks);
        }
        try {
            ticks.put(postmasterPid, Stat.parse(readStat(PROC.resolve(Long.toString(postmasterPid)))).cpuTicks());
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, ServerMeter::isProcess)) {
                for (Path process : processes) {
                    addChild(process, ticks);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of the server (postmaster pid "
                    + postmasterPid + ") from " + PROC, e);
        }
        return new Reading(ticks);
    }

    /**
     * The server's CPU time from {@code before} to {@code after} in nanoseconds: per process, the
     * ticks it gained, or all its ticks when it is new (a process id absent before, or one whose
     * counter went back because the id was reused); NaN when either reading is unavailable.
     */
    double cpuNanosBetween(Reading before, Reading after) {
        if (!before.available() || !after.available()) {
            return Double.NaN;
        }
        long ticks = 0;
        for (Map.Entry<Long, Long> process : after.ticksByPid().entrySet()) {
            long earlier = before.ticksByPid().getOrDefault(process.getKey(), 0L);
            long now = process.getValue();
            ticks += now >= earlier ? now - earlier : now;
        }
        return ticks * nanosPerTick;
    }

    /** Adds {@code process} when its parent is the postmaster; skips one that exited meanwhile. */
    private void addChild(Path process, Map<Long, Long> ticks) {
        String line;
        try {
            line = readStat(process);
        } catch (IOException exitedSinceListed) {
            return;
        }
        Stat stat = Stat.parse(line);
        if (stat.parentPid() == postmasterPid) {
            ticks.put(Long.parseLong(process.getFileName().toString()), stat.cpuTicks());
        }
    }

    private static boolean readable(long postmasterPid) {
        if (postmasterPid <= 0 || !Files.isDirectory(PROC)) {
            return false;
        }
        try {
            Stat.parse(readStat(PROC.resolve(Long.toString(postmasterPid))));
            return true;
        } catch (IOException e) {
            System.err.println("server CPU time not measured: cannot read the postmaster's stat (pid "
                    + postmasterPid + "): " + e);
            return false;
        }
    }

    private static boolean isProcess(Path entry) {
        String name = entry.getFileName().toString();
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return !name.isEmpty();
    }

    private static String readStat(Path process) throws IOException {
        try (InputStream in = Files.newInputStream(process.resolve("stat"))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** {@code getconf CLK_TCK}, or {@value #DEFAULT_TICKS_PER_SECOND} when it cannot be run. */
    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() == 0 && out.matches("[1-9][0-9]*")) {
                return Long.parseLong(out);
            }
            System.err.println("getconf CLK_TCK printed \"" + out + "\"; assuming " + DEFAULT_TICKS_PER_SECOND
                    + " clock ticks per second for the server's CPU time");
        } catch (IOException e) {
            System.err.println("getconf CLK_TCK failed (" + e.getMessage() + "); assuming "
                    + DEFAULT_TICKS_PER_SECOND + " clock ticks per second for the server's CPU time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running getconf CLK_TCK", e);
        }
        return DEFAULT_TICKS_PER_SECOND;
    }

    /**
     * The CPU ticks so far of the server's processes.
     *
     * @param ticksByPid user + system clock ticks of each process, by process id; empty when
     *                   unavailable
     */
    record Reading(Map<Long, Long> ticksByPid) {

        /** Whether the server's processes could be read. */
        boolean available() {
            return !ticksByPid.isEmpty();
        }
    }

    /**
     * The fields of one {@code /proc/PID/stat} line that the meter uses.
     *
     * @param parentPid the parent's process id (field 4)
     * @param cpuTicks  {@code utime + stime} (fields 14 and 15)
     */
    record Stat(long parentPid, long cpuTicks) {

        /**
         * Parses a stat line. Field 2, the command name, is in parentheses and may itself contain
         * spaces and parentheses, so the fields are counted from after the last ')'.
         */
        static Stat parse(String line) {
            int end = line.lastIndexOf(')');
            if (end < 0) {
                throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
            }
            String[] f = line.substring(end + 1).trim().split(" ");
            if (f.length < 13) {
                throw new IllegalArgumentException("a /proc/PID/stat line with " + (f.length + 2)
                        + " fields, expected at least 15: " + line);
            }
            // f[0] is field 3 (state): field n is f[n - 3]
            return new Stat(Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]));
        }
    }
}
