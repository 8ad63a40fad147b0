package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TempClusterBuilderTest {

    @Test
    void rejectsAVersionThatIsNotABinariesVersion() {
        assertThatThrownBy(() -> TempCluster.builder().version("17"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version: 17");
    }

    @Test
    void rejectsSettingNamesThatCouldInjectConfiguration() {
        assertThatThrownBy(() -> TempCluster.builder().setting("port = 1\nfsync", "on"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setting name");
        assertThatThrownBy(() -> TempCluster.builder().setting("work_mem", "1MB\nfsync = on"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("work_mem");
    }

    @Test
    void rejectsMultiLinePasswordsAndHbaLinesWithoutEchoingThePassword() {
        assertThatThrownBy(() -> TempCluster.builder().password("sec\nret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("sec");
        assertThatThrownBy(() -> TempCluster.builder().hbaLine("local all all trust\nhost all all all trust"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsANonPositiveStartTimeout() {
        assertThatThrownBy(() -> TempCluster.builder().startTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startTimeout: PT0S");
    }
}
