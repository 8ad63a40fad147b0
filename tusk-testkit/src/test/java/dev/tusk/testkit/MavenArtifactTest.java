package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenArtifactTest {

    private static final MavenArtifact ARTIFACT = new MavenArtifact("org.example", "thing", "1.2.3");
    private static final byte[] JAR = "not really a jar".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path localRepository;

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void usesTheJarAlreadyInTheLocalRepository() throws IOException {
        Path jar = localRepository.resolve("org/example/thing/1.2.3/thing-1.2.3.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, JAR);
        assertThat(ARTIFACT.resolve(localRepository, URI.create("http://127.0.0.1:9/"))).isEqualTo(jar);
    }

    @Test
    void downloadsAMissingJarAndVerifiesItsSha1() throws IOException {
        URI remote = serve(Map.of("thing-1.2.3.jar", JAR,
                "thing-1.2.3.jar.sha1", (sha1Of(JAR) + "  thing-1.2.3.jar\n").getBytes(StandardCharsets.US_ASCII)));
        Path jar = ARTIFACT.resolve(localRepository, remote);
        assertThat(jar).hasBinaryContent(JAR);
        assertThat(jar).isEqualTo(localRepository.resolve(ARTIFACT.relativePath()));
        assertThat(jar.getParent()).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void refusesADownloadWhoseSha1DoesNotMatchAndKeepsNothing() throws IOException {
        URI remote = serve(Map.of("thing-1.2.3.jar", JAR,
                "thing-1.2.3.jar.sha1", "0123456789012345678901234567890123456789".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> ARTIFACT.resolve(localRepository, remote))
                .isInstanceOf(TempClusterException.class)
                .hasMessageContaining("org.example:thing:1.2.3")
                .hasMessageContaining("0123456789012345678901234567890123456789");
        assertThat(localRepository.resolve(ARTIFACT.relativePath()).getParent()).isEmptyDirectory();
    }

    @Test
    void reportsAMissingRemoteArtifact() throws IOException {
        URI remote = serve(Map.of());
        assertThatThrownBy(() -> ARTIFACT.resolve(localRepository, remote))
                .isInstanceOf(TempClusterException.class)
                .hasMessageContaining("HTTP 404");
    }

    private URI serve(Map<String, byte[]> files) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = files.get(path.substring(path.lastIndexOf('/') + 1));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/repo/");
    }

    private static String sha1Of(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("sha1", ".bin");
        try {
            Files.write(file, bytes);
            return MavenArtifact.sha1(file);
        } finally {
            Files.delete(file);
        }
    }
}
