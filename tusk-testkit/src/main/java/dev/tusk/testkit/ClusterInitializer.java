package dev.tusk.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * Creates a new cluster's files: the socket directory, the certificates, the data directory
 * (with {@code initdb}) and the kit's configuration.
 */
final class ClusterInitializer {

    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);

    private ClusterInitializer() {
    }

    /**
     * Initializes the cluster in {@code layout}, whose root must exist and be empty.
     *
     * @return the cluster's certificates, or {@code null} without SSL
     * @throws TempClusterException if any step fails; the message carries initdb's output
     */
    static TlsMaterial initialize(ClusterOptions options, PostgresBinaries binaries, ClusterLayout layout) {
        ServerUser serverUser = ServerUser.current();
        Path passwordFile = layout.root().resolve("pwfile");
        try {
            Files.createDirectories(layout.socketDirectory());
            String stored = PasswordVerifiers.forInitdb(options.authMethod(), options.superuser(), options.password());
            Files.writeString(passwordFile, stored + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            TlsMaterial tls = options.ssl() ? TlsMaterial.generate(layout.tlsDirectory(), options.superuser()) : null;
            // initdb creates the data directory, so the server user must own its parent too.
            serverUser.handOver(layout.root());
            List<String> initdb = List.of(binaries.program("initdb"),
                    "-D", layout.dataDirectory().toString(),
                    "-U", options.superuser(),
                    "--pwfile=" + passwordFile,
                    "-E", "UTF8",
                    "--locale=C",
                    "-A", "trust",
                    "--no-sync");
            ServerCommand.runOrThrow("initdb", initdb, layout.root(), INITDB_TIMEOUT);
            if (PasswordVerifiers.needsScramAfterInitdb(options.authMethod(), binaries.majorVersion())) {
                storeScramPassword(options, binaries, layout, passwordFile);
            }
            ServerConfig.includeSettingsFile(layout);
            ServerConfig.writeHba(layout, options);
            return tls;
        } catch (IOException e) {
            throw new TempClusterException("could not prepare the cluster directory " + layout.root() + ": " + e, e);
        } finally {
            FileTrees.deleteQuietly(passwordFile);
        }
    }

    /**
     * Sets the superuser's password again in single-user mode with SCRAM hashing, so that the
     * server computes the verifier itself (including its SASLprep of the password).
     */
    private static void storeScramPassword(ClusterOptions options, PostgresBinaries binaries, ClusterLayout layout,
            Path statementFile) throws IOException {
        String role = "\"" + options.superuser().replace("\"", "\"\"") + "\"";
        String password = "'" + options.password().replace("'", "''") + "'";
        // The file already belongs to the server user (see initialize); it is deleted afterwards.
        Files.writeString(statementFile, "ALTER ROLE " + role + " PASSWORD " + password + ";\n", StandardCharsets.UTF_8);
        List<String> command = List.of(binaries.program("postgres"), "--single", "-D",
                layout.dataDirectory().toString(), "-c", "password_encryption=scram-sha-256", "postgres");
        ProcessBuilder builder = ServerCommand.processBuilder(command, layout.root())
                .redirectInput(statementFile.toFile());
        ServerCommand.Result result = ServerCommand.execute(builder, INITDB_TIMEOUT);
        // Single-user mode reports a failed statement on its output but still exits with 0.
        if (result.exitCode() != 0 || result.output().contains("ERROR:")) {
            throw new TempClusterException("storing the superuser's SCRAM password in single-user mode failed (exit code "
                    + result.exitCode() + "):\n" + result.output().replace(password, "'***'"));
        }
    }
}
