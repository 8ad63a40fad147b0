package dev.tusk.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the server's programs ({@code initdb}, {@code pg_ctl}, {@code postgres}) as the
 * {@link ServerUser}, in a clean environment, and returns its output.
 */
final class ServerCommand {

    private ServerCommand() {
    }

    /** The outcome of a finished command. */
    record Result(int exitCode, String output) {
    }

    /**
     * Prepares a process builder for {@code command} run as the server user from
     * {@code workingDirectory}, with libpq's {@code PG*} variables removed and the C locale, so
     * that the server's messages are in English whatever the caller's environment.
     */
    static ProcessBuilder processBuilder(List<String> command, Path workingDirectory) {
        ProcessBuilder builder = new ProcessBuilder(ServerUser.current().command(command));
        // The server user may not be able to enter the caller's directory (/root is 0700).
        builder.directory(workingDirectory.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("PG"));
        environment.put("LC_ALL", "C");
        environment.put("LANG", "C");
        return builder;
    }

    /**
     * Runs {@code command} to completion and returns its exit code and combined output.
     *
     * @throws TempClusterException if it cannot be started or does not finish within
     *                              {@code timeout}
     */
    static Result run(List<String> command, Path workingDirectory, Duration timeout) {
        return execute(processBuilder(command, workingDirectory), timeout);
    }

    /**
     * Runs {@code command} as the JVM's own user (for tools such as {@code openssl} that need
     * no unprivileged user) and returns its exit code and combined output.
     */
    static Result runAsCaller(List<String> command, Path workingDirectory, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().put("LC_ALL", "C");
        return execute(builder, timeout);
    }

    /**
     * Runs a prepared process builder to completion; its output is captured, so the builder
     * must not redirect output itself.
     */
    static Result execute(ProcessBuilder builder, Duration timeout) {
        List<String> command = builder.command();
        Path output = null;
        try {
            output = Files.createTempFile("tusk-command-", ".out");
            // Output goes to a file rather than a pipe so that a hung command cannot block us
            // while we wait for it with a deadline.
            Process process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new TempClusterException(String.join(" ", command) + " did not finish within " + timeout
                        + "; its output so far:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TempClusterException("could not run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TempClusterException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(output);
        }
    }

    /**
     * Runs {@code command} and returns its output.
     *
     * @throws TempClusterException naming {@code step} and carrying the output if the command
     *                              exits with a non-zero status
     */
    static String runOrThrow(String step, List<String> command, Path workingDirectory, Duration timeout) {
        return requireSuccess(step, command, run(command, workingDirectory, timeout));
    }

    /**
     * Returns the output of a finished command.
     *
     * @throws TempClusterException naming {@code step} and carrying the output if the command
     *                              exited with a non-zero status
     */
    static String requireSuccess(String step, List<String> command, Result result) {
        if (result.exitCode() != 0) {
            throw new TempClusterException(step + " failed with exit code " + result.exitCode() + ": "
                    + String.join(" ", command) + "\n" + result.output());
        }
        return result.output();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover scratch file in the temporary directory must not hide the real outcome.
            System.getLogger(ServerCommand.class.getName())
                    .log(System.Logger.Level.DEBUG, "could not delete " + file, e);
        }
    }
}
