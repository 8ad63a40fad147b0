package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TempClusterStandbyTest {

    @Test
    void standbyStreamsWalFromTheRunningPrimary() throws IOException {
        try (TempCluster primary = TempCluster.builder().start();
                TempCluster standby = primary.createStandby()) {
            assertThat(primary.isRunning()).isTrue();
            assertThat(standby.port()).isNotEqualTo(primary.port());
            assertThat(standby.dataDirectory().resolve("standby.signal")).exists();
            new Socket(standby.host(), standby.port()).close();
            Await.until(Duration.ofSeconds(30), "the standby streams WAL",
                    () -> read(standby).contains("started streaming WAL from primary"));
        }
    }

    private static String read(TempCluster cluster) {
        try {
            return Files.readString(cluster.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
