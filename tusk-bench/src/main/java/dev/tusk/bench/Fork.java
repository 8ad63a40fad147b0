package dev.tusk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one driver on one workload in a fresh JVM ({@link Worker}) on this JVM's class path and
 * collects its result lines; everything else the worker prints is passed through.
 */
final class Fork {

    private final Settings settings;
    private final Target target;
    private final long postmasterPid;

    /** @param postmasterPid the server's postmaster process id, for the workers' {@link ServerMeter} */
    Fork(Settings settings, Target target, long postmasterPid) {
        this.settings = settings;
        this.target = target;
        this.postmasterPid = postmasterPid;
    }

    List<ModeResult> run(Driver driver, Workload workload) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmArgs());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Worker.class.getName());
        command.addAll(List.of(driver.label(), workload.label(), target.host(), Integer.toString(target.port()),
                target.user(), target.database(), Long.toString(postmasterPid)));
        command.addAll(settings.toArguments());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long timeout = timeoutMillis();
        CompletableFuture.delayedExecutor(timeout, TimeUnit.MILLISECONDS).execute(process::destroyForcibly);
        List<ModeResult> results = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ModeResult.PREFIX + "\t")) {
                    results.add(ModeResult.parse(line));
                } else {
                    System.out.println("  [" + driver.label() + "] " + line);
                }
            }
        }
        if (!process.waitFor(timeout, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(driver.label() + " on " + workload.label() + " did not exit within "
                    + timeout + " ms");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(driver.label() + " on " + workload.label() + " failed with exit code "
                    + process.exitValue() + " (its error is above; killed after " + timeout + " ms if 137)");
        }
        return results;
    }

    /** Generous: the longest warm-up, every mode's rounds, and three minutes for start-up and bulk loads. */
    private long timeoutMillis() {
        return settings.warmupMaxMillis() + 3 * (settings.settleMillis() + settings.rounds() * settings.roundMillis())
                + TimeUnit.MINUTES.toMillis(3);
    }
}
