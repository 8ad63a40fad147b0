package dev.tusk.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The program each worker JVM runs: one driver, one workload, all of its modes. It opens the
 * connections, warms up in the widest mode until the JIT compiler is idle, then measures each
 * mode for the configured rounds, and prints one {@link ModeResult} line per mode on stdout.
 *
 * <p>Arguments: {@code DRIVER WORKLOAD HOST PORT USER DATABASE POSTMASTER_PID} then the
 * {@link Settings}; the postmaster's process id (0 when unknown) is for the {@link ServerMeter}.
 */
public final class Worker {

    /** The longest a round waits for its first operation to complete. */
    private static final long LONGEST_ROUND_MILLIS = 60_000;

    private Worker() {
    }

    /**
     * Runs one driver on one workload; exits non-zero, with the error on stderr, when anything
     * fails. It always ends with {@code System.exit}: the peers' event-loop threads are not all
     * daemons and would keep the JVM alive.
     */
    public static void main(String[] args) {
        int status = 0;
        try {
            Driver driver = Driver.byLabel(args[0]);
            Workload workload = Workload.byLabel(args[1]);
            Settings settings = Settings.parse(java.util.Arrays.copyOfRange(args, 7, args.length));
            Target target = new Target(args[2], Integer.parseInt(args[3]), args[4], args[5], settings.tls());
            ServerMeter server = new ServerMeter(Long.parseLong(args[6]));
            for (ModeResult result : run(driver, workload, target, server, settings)) {
                System.out.println(result.format());
            }
        } catch (Exception | Error e) {
            e.printStackTrace(System.err);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    static List<ModeResult> run(Driver driver, Workload workload, Target target, ServerMeter server,
            Settings settings) throws Exception {
        List<Mode> modes = driver.modes(workload);
        Mode widest = modes.get(modes.size() - 1);
        List<ModeResult> results = new ArrayList<>();
        Client client;
        try {
            client = driver.open(target, workload, widest.connections());
        } catch (UnsupportedOperationException e) {
            for (Mode mode : modes) {
                results.add(ModeResult.skipped(driver.label(), workload, mode, e.getMessage()));
            }
            return results;
        }
        try (client) {
            Load load = new Load(client);
            load.start(widest, 0);
            JitWatch.Outcome warmup = new JitWatch().awaitIdle(load, settings.warmupMinMillis(),
                    settings.warmupQuietMillis(), settings.warmupMaxMillis());
            load.stop();
            ProcessMeter meter = new ProcessMeter();
            for (Mode mode : modes) {
                List<RoundResult> rounds = workload.oneOperationPerRound()
                        ? measureSingleOperations(load, meter, server, mode, settings)
                        : measureTimed(load, meter, server, mode, settings);
                results.add(new ModeResult(driver.label(), client.variant(), workload, mode, warmup.millis(),
                        warmup.jitIdle(), rounds, ""));
            }
        }
        return results;
    }

    /** Rounds of a fixed duration under a continuous load. */
    private static List<RoundResult> measureTimed(Load load, ProcessMeter meter, ServerMeter server, Mode mode,
            Settings settings) throws InterruptedException {
        List<RoundResult> rounds = new ArrayList<>();
        load.start(mode, 0);
        Thread.sleep(settings.settleMillis());
        load.takeInterval();
        ProcessMeter.Reading before = meter.read();
        ServerMeter.Reading serverBefore = server.read();
        for (int r = 0; r < settings.rounds(); r++) {
            long completedBefore = load.completedOperations();
            Thread.sleep(settings.roundMillis());
            awaitOneOperation(load, completedBefore);
            Load.Interval interval = load.takeInterval();
            ProcessMeter.Reading after = meter.read();
            ServerMeter.Reading serverAfter = server.read();
            load.rethrowFailure();
            rounds.add(RoundResult.of(interval, before, after, server.cpuNanosBetween(serverBefore, serverAfter)));
            before = after;
            serverBefore = serverAfter;
        }
        load.stop();
        return rounds;
    }

    /**
     * Extends a round whose operations are slower than the round (r2dbc's batch insert) until one
     * has completed, for at most {@value #LONGEST_ROUND_MILLIS} ms.
     */
    private static void awaitOneOperation(Load load, long completedBefore) throws InterruptedException {
        long deadline = System.nanoTime() + LONGEST_ROUND_MILLIS * 1_000_000;
        while (load.completedOperations() == completedBefore && System.nanoTime() < deadline) {
            load.rethrowFailure();
            Thread.sleep(10);
        }
    }

    /** Rounds of one operation each, run alone (bulk load). */
    private static List<RoundResult> measureSingleOperations(Load load, ProcessMeter meter, ServerMeter server,
            Mode mode, Settings settings) throws InterruptedException {
        List<RoundResult> rounds = new ArrayList<>();
        for (int r = 0; r < settings.rounds(); r++) {
            load.takeInterval();
            ServerMeter.Reading serverBefore = server.read();
            ProcessMeter.Reading before = meter.read();
            load.start(mode, mode.concurrency());
            load.awaitStopped(java.util.concurrent.TimeUnit.MINUTES.toMillis(5));
            Load.Interval interval = load.takeInterval();
            ProcessMeter.Reading after = meter.read();
            double serverCpuNanos = server.cpuNanosBetween(serverBefore, server.read());
            rounds.add(RoundResult.of(interval, before, after, serverCpuNanos));
        }
        return rounds;
    }
}
