package dev.tusk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A jar in a Maven repository: found in the local repository, or downloaded from a remote one
 * into it (verified against the remote {@code .sha1}, published atomically).
 */
record MavenArtifact(String groupId, String artifactId, String version) {

    /** Maven Central, overridable with the system property {@code tusk.maven.remote}. */
    static final String DEFAULT_REMOTE = "https://repo.maven.apache.org/maven2/";

    /** The jar's path relative to a repository root, in Maven's layout. */
    String relativePath() {
        return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/"
                + artifactId + "-" + version + ".jar";
    }

    /**
     * The local repository: the system property {@code maven.repo.local}, else
     * {@code ~/.m2/repository}.
     */
    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The remote repository to download from when the jar is not local. */
    static URI remoteRepository() {
        String remote = System.getProperty("tusk.maven.remote", DEFAULT_REMOTE);
        return URI.create(remote.endsWith("/") ? remote : remote + "/");
    }

    /**
     * Returns the jar in {@code localRepository}, downloading it from {@code remote} first if it
     * is not there yet.
     *
     * @throws TempClusterException if the download fails or its checksum does not match
     */
    Path resolve(Path localRepository, URI remote) {
        Path jar = localRepository.resolve(relativePath());
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        URI uri = remote.resolve(relativePath());
        try {
            download(uri, jar);
            return jar;
        } catch (IOException e) {
            throw new TempClusterException("PostgreSQL binaries " + this + " are not in the local Maven repository "
                    + localRepository + " and downloading " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TempClusterException("interrupted while downloading " + uri, e);
        }
    }

    private static void download(URI uri, Path jar) throws IOException, InterruptedException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (ProxySelector.getDefault() != null) {
            builder.proxy(ProxySelector.getDefault()); // honours -Dhttps.proxyHost and friends
        }
        HttpClient client = builder.build();
        String expectedSha1 = fetchSha1(client, URI.create(uri + ".sha1"));
        Files.createDirectories(jar.getParent());
        // A temporary file in the same directory, so that the final move is an atomic rename
        // and a concurrent reader never sees half a jar.
        Path part = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".part");
        try {
            HttpResponse<Path> response = client.send(get(uri),
                    HttpResponse.BodyHandlers.ofFile(part));
            requireOk(uri, response.statusCode());
            String actualSha1 = sha1(part);
            if (!actualSha1.equals(expectedSha1)) {
                throw new IOException("SHA-1 of the downloaded jar is " + actualSha1 + " (expected: " + expectedSha1 + ")");
            }
            Files.move(part, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static String fetchSha1(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(get(uri),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        requireOk(uri, response.statusCode());
        // Some repositories append the file name after the digest.
        String digest = response.body().trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (!digest.matches("[0-9a-f]{40}")) {
            throw new IOException(uri + " does not hold a SHA-1 digest");
        }
        return digest;
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
    }

    private static void requireOk(URI uri, int status) throws IOException {
        if (status != 200) {
            throw new IOException("GET " + uri + " answered HTTP " + status);
        }
    }

    static String sha1(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-1", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
