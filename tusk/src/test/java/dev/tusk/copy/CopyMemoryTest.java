package dev.tusk.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.testkit.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * COPYs much larger than the heap run in bounded memory: a child JVM with a 64 MiB heap exports
 * about 200 MB, exports 100 MB through a slow consumer, and loads 2 million records
 * ({@link BoundedMemoryMain}); buffering that grows with the data would end in OutOfMemoryError.
 */
class CopyMemoryTest {

    private static final long EXPORT_ROWS = 1_800_000;   // ~110 bytes a row: ~200 MB
    private static final long SLOW_ROWS = 900_000;       // ~100 MB, each 64 KiB chunk acknowledged later
    private static final int RECORDS = 2_000_000;

    @Test
    void largeExportsASlowConsumerAndMillionsOfRecordsRunInA64MiBHeap() throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-Dio.netty.leakDetection.level=disabled", "-cp", classPath, BoundedMemoryMain.class.getName(),
                TestDatabase.dsn(), Long.toString(EXPORT_ROWS), Long.toString(SLOW_ROWS), Integer.toString(RECORDS)))
                .redirectErrorStream(true).start();
        boolean exited = child.waitFor(10, TimeUnit.MINUTES);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            child.destroyForcibly();
        }
        System.out.print(output);
        assertThat(exited).as("child finished; output:%n%s", output).isTrue();
        assertThat(child.exitValue()).as("child exit status; output:%n%s", output).isZero();
        assertThat(output).contains("export COPY " + EXPORT_ROWS + " amount=")
                .contains("slow-consumer COPY " + SLOW_ROWS + " amount=")
                .contains("records COPY " + RECORDS + " amount=" + RECORDS);
        long exported = Long.parseLong(output.replaceAll("(?s).*export COPY \\d+ amount=(\\d+).*", "$1"));
        assertThat(exported).isGreaterThan(190_000_000L);
    }
}
