package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TempClusterCloseTest {

    @Test
    void closeStopsTheServerAndDeletesEveryFile() {
        TempCluster cluster = TempCluster.builder().start();
        Path root = cluster.dataDirectory().getParent();
        cluster.close();
        assertThat(cluster.dataDirectory()).doesNotExist();
        assertThat(root).doesNotExist();
        assertThat(cluster.isRunning()).isFalse();
        assertThatThrownBy(() -> new Socket(cluster.host(), cluster.port()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void closingTwiceIsHarmlessAndStartingAfterCloseIsRefused() {
        TempCluster cluster = TempCluster.builder().start();
        cluster.close();
        cluster.close();
        assertThatThrownBy(cluster::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void failedStartReportsTheServerLogAndLeavesNoFiles() {
        TempClusterException failure = catchThrowableOfType(TempClusterException.class,
                () -> TempCluster.builder().setting("shared_buffers", "a lot").start());
        assertThat(failure).hasMessageContaining("during start-up").hasMessageContaining("shared_buffers");
        String message = failure.getMessage();
        int logStart = message.indexOf("server log ") + "server log ".length();
        Path log = Path.of(message.substring(logStart, message.indexOf(":\n", logStart)));
        assertThat(log.getFileName()).hasToString("postgres.log");
        assertThat(log.getParent()).doesNotExist();
    }
}
