package dev.tusk;

import dev.tusk.internal.copy.BlockingSource;
import dev.tusk.internal.copy.PublisherSource;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Where the data of a COPY in ({@code copyToTable}) comes from: asyncpg's {@code source}. Use a
 * factory for a stream, a channel, a file, chunks in memory or a {@link Flow.Publisher}, or
 * implement {@link #read} to produce data asynchronously.
 *
 * <pre>{@code
 * conn.copyToTable("events", CopySource.of(Path.of("events.csv")), csv).join();
 * }</pre>
 *
 * <p>Tusk asks for the next chunk only when the socket can take more, so a slow server never
 * makes the heap grow. An exception from the source stops the COPY with a CopyFail message (the
 * server discards every row of it) and fails the call with that exception; the connection stays
 * usable.
 */
@FunctionalInterface
public interface CopySource {

    /**
     * Produces the next chunk of data, or a stage completing with null at the end.
     *
     * <p>Tusk calls this again only after the previous stage completed and after it has copied
     * that chunk's bytes, so a source may reuse its buffer. It may be called on the connection's
     * I/O thread: it must not block (the factories here read on Tusk's COPY I/O threads).
     */
    CompletionStage<ByteBuffer> read();

    /** Called once when the COPY ends, whatever the outcome. The default does nothing. */
    default void close() {
    }

    /** Reads a stream in chunks of up to 64 KiB on Tusk's COPY I/O threads. The stream is not closed. */
    static CopySource of(InputStream in) {
        return BlockingSource.of(in);
    }

    /** Reads a channel in chunks of up to 64 KiB on Tusk's COPY I/O threads. The channel is not closed. */
    static CopySource of(ReadableByteChannel channel) {
        return BlockingSource.of(channel);
    }

    /** Reads a file in chunks of 64 KiB on Tusk's COPY I/O threads; the file is closed at the end. */
    static CopySource of(Path file) {
        return BlockingSource.of(file);
    }

    /** Sends each array as it comes; the iterable is read on Tusk's COPY I/O threads, so it may block. */
    static CopySource ofByteArrays(Iterable<byte[]> chunks) {
        return BlockingSource.ofByteArrays(chunks.iterator());
    }

    /** Sends each buffer's remaining bytes; the iterator is read on Tusk's COPY I/O threads, so it may block. */
    static CopySource ofByteBuffers(Iterator<ByteBuffer> chunks) {
        return BlockingSource.ofByteBuffers(chunks);
    }

    /**
     * Subscribes when the COPY starts and requests buffers as the socket drains; the subscription
     * is cancelled if the COPY fails. Each buffer's remaining bytes are sent.
     */
    static CopySource of(Flow.Publisher<ByteBuffer> publisher) {
        return PublisherSource.ofBuffers(publisher);
    }
}
