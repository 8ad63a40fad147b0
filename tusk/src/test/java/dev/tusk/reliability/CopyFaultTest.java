package dev.tusk.reliability;

import static dev.tusk.reliability.Outcomes.assertConnectionFailure;
import static dev.tusk.reliability.Outcomes.failure;
import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.CopyOptions;
import dev.tusk.CopySink;
import dev.tusk.CopySource;
import dev.tusk.Tusk;
import dev.tusk.exceptions.QueryTimeoutException;
import dev.tusk.testkit.FaultProxy;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The network breaks in the middle of a COPY, in either direction of the data. */
class CopyFaultTest {

    private static final String APP = "tusk-reliability-copy";
    private static final CopyOptions COLUMNS = CopyOptions.builder().columns("n", "payload").build();

    private FaultProxy proxy;

    @BeforeAll
    static void createTables() {
        try (Connection setup = value(Tusk.connect(SharedServer.direct().build()))) {
            value(setup.execute("DROP TABLE IF EXISTS copy_fault_in, copy_fault_out"));
            value(setup.execute("CREATE TABLE copy_fault_in (n int, payload text)"));
            value(setup.execute("CREATE TABLE copy_fault_out AS SELECT g AS n, repeat('x', 100) AS payload "
                    + "FROM generate_series(1, 100000) g"));
        }
    }

    @AfterAll
    static void dropTables() {
        try (Connection setup = value(Tusk.connect(SharedServer.direct().build()))) {
            assertThat(value(setup.<Long>fetchval("SELECT count(*) FROM copy_fault_in")))
                    .as("rows left by the broken COPYs").isZero();
            value(setup.execute("DROP TABLE copy_fault_in, copy_fault_out"));
        }
    }

    @BeforeEach
    void startProxy() {
        proxy = SharedServer.proxy();
    }

    @AfterEach
    void noSessionLeft() {
        proxy.close();
        ServerSessions.assertNoneLeft(SharedServer.direct(), APP);
    }

    private Connection connect() {
        return value(Tusk.connect(SharedServer.through(proxy, APP).build()));
    }

    /** Rows {@code n\tpayload\n} without end (up to 1 GB); {@link #streaming} completes after the first megabyte. */
    private static final class EndlessRows extends InputStream {
        final CompletableFuture<Void> streaming = new CompletableFuture<>();
        private final byte[] row = "0\tsome payload of a row loaded by COPY\n".getBytes(StandardCharsets.US_ASCII);
        private long position;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= 1L << 30) {
                return -1;
            }
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = row[(int) ((position + i) % row.length)];
            }
            position += length;
            if (position > 1 << 20) {
                streaming.complete(null);
            }
            return length;
        }
    }

    @Test
    void cutDuringCopyToTableFailsTheCallWithAConnectionExceptionAndClosesTheConnection() {
        Connection conn = connect();
        EndlessRows rows = new EndlessRows();
        CompletableFuture<String> copy = conn.copyToTable("copy_fault_in", CopySource.of(rows), COLUMNS);
        value(rows.streaming);

        proxy.cut();

        assertConnectionFailure(failure(copy));
        value(conn.onClose());
        assertThat(conn.isClosed()).isTrue();
        assertConnectionFailure(failure(conn.fetchval("SELECT 1")));
    }

    @Test
    void resetDuringCopyToTableFailsTheCallWithAConnectionException() {
        Connection conn = connect();
        EndlessRows rows = new EndlessRows();
        CompletableFuture<String> copy = conn.copyToTable("copy_fault_in", CopySource.of(rows), COLUMNS);
        value(rows.streaming);

        proxy.reset();

        assertConnectionFailure(failure(copy));
        value(conn.onClose());
        assertThat(conn.isClosed()).isTrue();
    }

    @Test
    void cutOfTheClientToServerDirectionDuringCopyToTableFailsTheCall() {
        Connection conn = connect();
        EndlessRows rows = new EndlessRows();
        CompletableFuture<String> copy = conn.copyToTable("copy_fault_in", CopySource.of(rows), COLUMNS);
        value(rows.streaming);

        proxy.cut(FaultProxy.Direction.TO_SERVER);

        assertConnectionFailure(failure(copy));
        value(conn.onClose());
        assertThat(conn.isClosed()).isTrue();
    }

    @Test
    void cutDuringCopyFromTableFailsTheCallWithAConnectionExceptionAndClosesTheConnection() {
        Connection conn = connect();
        proxy.afterServerBytes(200_000, proxy::cut);

        CompletableFuture<String> copy = conn.copyFromTable("copy_fault_out", OutputStream.nullOutputStream(),
                CopyOptions.defaults());

        assertConnectionFailure(failure(copy));
        value(conn.onClose());
        assertThat(conn.isClosed()).isTrue();
        assertConnectionFailure(failure(conn.fetchval("SELECT 1")));
    }

    @Test
    void cutDuringCopyFromTableIntoAnAsynchronousSinkFailsTheCallAndAbortsTheSink() {
        Connection conn = connect();
        CompletableFuture<Throwable> aborted = new CompletableFuture<>();
        CopySink sink = new CopySink() {
            @Override
            public CompletableFuture<?> write(java.nio.ByteBuffer chunk) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void abort(Throwable cause) {
                aborted.complete(cause);
            }
        };
        proxy.afterServerBytes(200_000, () -> proxy.cut(FaultProxy.Direction.TO_CLIENT));

        CompletableFuture<String> copy = conn.copyFromTable("copy_fault_out", sink,
                CopyOptions.builder().format(dev.tusk.CopyFormat.BINARY).build());

        assertConnectionFailure(failure(copy));
        assertConnectionFailure(Outcomes.unwrap(value(aborted)));
        value(conn.onClose());
        assertThat(conn.isClosed()).isTrue();
    }

    @Test
    void blackHoleDuringCopyFromTableFailsTheCallAtItsTimeoutAndCloseIsBoundedByTheCommandTimeout() {
        // graceful close waits for the server's end of the cancelled COPY at most the command timeout
        Connection conn = value(Tusk.connect(SharedServer.through(proxy, APP).commandTimeout(Duration.ofSeconds(2)).build()));
        proxy.afterServerBytes(200_000, proxy::blackHole);

        CompletableFuture<String> copy = conn.copyFromTable("copy_fault_out", OutputStream.nullOutputStream(),
                CopyOptions.builder().timeout(Duration.ofSeconds(1)).build());

        assertThat(failure(copy)).isInstanceOf(QueryTimeoutException.class);
        Outcomes.settled(conn.closeAsync());
        assertThat(conn.isClosed()).isTrue();
        proxy.heal();
        conn.terminate();
    }
}
