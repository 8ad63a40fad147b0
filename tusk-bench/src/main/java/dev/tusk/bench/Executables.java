package dev.tusk.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Programs found on the {@code PATH}, for the reference lines that run outside the JVM. */
final class Executables {

    private Executables() {
    }

    /** The first executable file called {@code name} in a directory of the {@code PATH}, or null. */
    static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
