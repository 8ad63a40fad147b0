package dev.tusk.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tusk.Record;
import dev.tusk.exceptions.ErrorFields;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.TuskException;
import dev.tusk.internal.codec.CodecRegistry;
import dev.tusk.internal.command.ExtendedQueryCommand;
import dev.tusk.internal.command.ResultCollector;
import dev.tusk.internal.command.StatementCache;
import dev.tusk.internal.connection.ConnectionCore;
import dev.tusk.internal.connection.ServerEvents;
import dev.tusk.internal.protocol.FrameDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Arbitrary backend bytes after a valid startup, with a query in flight, through the real
 * pipeline ({@link FrameDecoder} and {@link ConnectionCore}) on an embedded channel. Whatever the
 * bytes, no exception leaves the pipeline, and the query either completes (its values then decode
 * or fail with a {@link TuskException}) or fails with a {@link TuskException} that is not a
 * wrapped bug (an unexpected runtime exception). Runs the committed corpus in the test command;
 * fuzzes with {@code JAZZER_FUZZ=1}.
 *
 * <p>The first input byte picks the scenario: bit 0 set puts a valid ParseComplete,
 * ParameterDescription and a RowDescription of common types before the rest, so that the
 * fuzzer reaches the row and value decoding; bits 1-7 choose the chunk size the rest arrives in.
 */
class ProtocolFuzzTest {

    private static final ServerEvents IGNORED_EVENTS = new ServerEvents() {
        @Override
        public void notice(ErrorFields fields) {
            // notices are not under test here
        }

        @Override
        public void notification(int processId, String channel, String payload) {
            // notifications are not under test here
        }

        @Override
        public void terminated() {
            // the test observes the close through the channel itself
        }
    };

    /** int4, text, numeric, timestamptz, uuid, bytea, float8, bool, date, int4[] (when arrays are present). */
    private static final int[] COLUMN_TYPES = {23, 25, 1700, 1184, 2950, 17, 701, 16, 1082, 1007};

    @FuzzTest(maxDuration = "60s")
    void arbitraryBackendBytesNeverEscapeThePipelineAndFailTheQueryCleanly(byte[] data) {
        EmbeddedChannel channel = new EmbeddedChannel();
        ConnectionCore core = new ConnectionCore(channel, CodecRegistry.builtin(), new StatementCache(16, 0, 4096),
                IGNORED_EVENTS);
        channel.pipeline().addLast(new FrameDecoder(core, 1 << 20), core);
        try {
            CompletableFuture<List<Record>> result = core.submit(new ExtendedQueryCommand<>(
                    "SELECT fuzz", new Object[0], ResultCollector.rows()));
            channel.runPendingTasks();
            int mode = data.length > 0 ? data[0] & 0xFF : 0;
            if ((mode & 1) != 0 && channel.isActive()) {
                channel.writeInbound(Unpooled.wrappedBuffer(BackendBytes.describedAs(COLUMN_TYPES)));
                channel.runPendingTasks();
            }
            int chunk = Math.max(1, mode >>> 1);
            for (int start = Math.min(1, data.length); start < data.length && channel.isActive(); start += chunk) {
                int length = Math.min(chunk, data.length - start);
                channel.writeInbound(Unpooled.wrappedBuffer(data, start, length));
                channel.runPendingTasks();
            }
            channel.checkException();
            if (result.isDone()) {
                checkOutcome(result);
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void checkOutcome(CompletableFuture<List<Record>> result) {
        List<Record> rows;
        try {
            rows = result.join();
        } catch (CompletionException e) {
            assertCleanFailure(e.getCause());
            return;
        }
        for (Record row : rows) {
            for (int i = 0; i < row.size(); i++) {
                try {
                    row.get(i);
                } catch (TuskException malformedValue) {
                    assertCleanFailure(malformedValue);
                }
            }
        }
    }

    /** A TuskException, and not the "unexpected failure" wrapper the core puts around a bug. */
    private static void assertCleanFailure(Throwable failure) {
        assertThat(failure).isInstanceOf(TuskException.class);
        if (failure instanceof InterfaceException && failure.getCause() instanceof RuntimeException
                && !(failure.getCause() instanceof TuskException)) {
            throw new AssertionError("a runtime exception escaped the protocol handling", failure.getCause());
        }
    }
}
