package dev.tusk.testkit;

import java.nio.file.Path;

/**
 * Where one cluster keeps its files. Everything lives under one temporary root so that
 * {@link TempCluster#close()} removes it all, and so that the root can be handed to the server
 * user as a whole.
 */
record ClusterLayout(Path root) {

    /** The file, included from {@code postgresql.conf}, that holds every setting the kit makes. */
    static final String SETTINGS_FILE = "tusk.conf";

    Path dataDirectory() {
        return root.resolve("data");
    }

    Path socketDirectory() {
        return root.resolve("socket");
    }

    Path logFile() {
        return root.resolve("postgres.log");
    }

    Path tlsDirectory() {
        return root.resolve("tls");
    }

    Path settingsFile() {
        return dataDirectory().resolve(SETTINGS_FILE);
    }

    Path hbaFile() {
        return dataDirectory().resolve("pg_hba.conf");
    }
}
