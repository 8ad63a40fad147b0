package dev.tusk;

import dev.tusk.internal.copy.BlockingSink;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the data of a COPY out ({@code copyFromTable}, {@code copyFromQuery}) goes: asyncpg's
 * {@code output}. Use a factory for a stream, a channel or a file, or implement {@link #write}
 * (a lambda will do) to consume the data asynchronously:
 *
 * <pre>{@code
 * conn.copyFromTable("events", CopySink.of(Path.of("events.csv")), csv).join();
 * conn.copyFromTable("events", chunk -> uploader.send(chunk), csv).join();   // back-pressure
 * }</pre>
 *
 * <p>Tusk calls {@link #write} one chunk at a time, in order, and does not call it again before
 * the stage it returned completes; meanwhile it stops reading from the socket, so a slow sink
 * slows the server down instead of filling the heap. Chunk boundaries do not follow rows.
 */
@FunctionalInterface
public interface CopySink {

    /**
     * Takes the next chunk of data, which is the sink's to keep.
     *
     * <p>Called on the connection's I/O thread: it must not block. Return a completed stage to
     * receive the next chunk at once, or a stage that completes when the sink is ready for more.
     * A stage that completes exceptionally, or an exception thrown here, stops the COPY and fails
     * the call with that exception.
     */
    CompletionStage<?> write(ByteBuffer chunk);

    /**
     * Called once after the last chunk; the call completes when the returned stage does. The
     * default returns a completed stage.
     */
    default CompletionStage<?> finish() {
        return CompletableFuture.completedFuture(null);
    }

    /** Called once instead of {@link #finish()} when the COPY fails or is abandoned. The default does nothing. */
    default void abort(Throwable cause) {
    }

    /**
     * Writes to a stream on Tusk's COPY I/O threads (never on the I/O thread of the connection),
     * with at most about 1 MiB waiting to be written. The stream is flushed, not closed.
     */
    static CopySink of(OutputStream out) {
        return BlockingSink.of(out);
    }

    /** Writes to a channel on Tusk's COPY I/O threads, as {@link #of(OutputStream)}. The channel is not closed. */
    static CopySink of(WritableByteChannel channel) {
        return BlockingSink.of(channel);
    }

    /** Writes to a file, created or truncated, on Tusk's COPY I/O threads; the file is closed at the end. */
    static CopySink of(Path file) {
        return BlockingSink.of(file);
    }
}
