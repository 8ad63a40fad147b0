package dev.tusk.internal.copy;

import dev.tusk.CopySource;
import dev.tusk.internal.codec.Codec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * The data of {@code copyRecordsToTable}: rows taken from an iterator or a publisher and encoded
 * in binary COPY format, about 64 KiB per chunk, on Tusk's COPY I/O threads (an iterator may
 * block). One buffer is reused for every chunk.
 */
public final class RecordsSource implements CopySource {

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int PREFETCH = 256;
    /** Returned by a fill that found no row ready from the publisher and nothing encoded yet. */
    private static final ByteBuffer WAIT = ByteBuffer.allocate(0);

    private final BinaryRowEncoder encoder;
    private final Iterator<?> rows;
    private final PublisherPull<Object> pull;
    private final Executor executor;
    private final ByteBuf buffer = Unpooled.buffer(CHUNK_BYTES + 1024);
    private boolean started;
    private boolean trailerWritten;
    private boolean ended;

    private RecordsSource(List<String> columns, Codec[] codecs, Iterator<?> rows, PublisherPull<Object> pull) {
        this.encoder = new BinaryRowEncoder(columns, codecs);
        this.rows = rows;
        this.pull = pull;
        this.executor = CopyThreads.executor();
    }

    /** Rows from an iterator, read on Tusk's COPY I/O threads. */
    public static RecordsSource of(List<String> columns, Codec[] codecs, Iterator<?> rows) {
        return new RecordsSource(columns, codecs, rows, null);
    }

    /** Rows from a publisher, requested a few hundred ahead of the COPY. */
    public static RecordsSource of(List<String> columns, Codec[] codecs, Flow.Publisher<?> rows) {
        @SuppressWarnings("unchecked")
        Flow.Publisher<Object> publisher = (Flow.Publisher<Object>) rows;
        return new RecordsSource(columns, codecs, null, new PublisherPull<>(publisher, PREFETCH));
    }

    @Override
    public CompletionStage<ByteBuffer> read() {
        CompletableFuture<ByteBuffer> filled = CompletableFuture.supplyAsync(this::fill, executor);
        if (pull == null) {
            return filled;
        }
        return filled.thenCompose(chunk -> chunk != WAIT ? CompletableFuture.completedFuture(chunk)
                : pull.whenAvailable().thenCompose(ready -> read()));
    }

    /** Encodes rows until the chunk is full or no row is ready; null once the trailer was sent. */
    private synchronized ByteBuffer fill() {
        if (ended) {
            return null;
        }
        buffer.clear();
        if (!started) {
            started = true;
            BinaryRowEncoder.writeHeader(buffer);
        }
        while (buffer.writerIndex() < CHUNK_BYTES && !trailerWritten) {
            Object row = nextRow();
            if (row != null) {
                encoder.encode(row, buffer);
            } else if (pull != null && !pull.isFinished()) {
                break;
            } else {
                BinaryRowEncoder.writeTrailer(buffer);
                trailerWritten = true;
            }
        }
        if (!buffer.isReadable()) {
            if (trailerWritten) {
                ended = true;
                return null;
            }
            return WAIT;
        }
        return buffer.nioBuffer();
    }

    private Object nextRow() {
        if (pull != null) {
            return pull.poll();
        }
        if (!rows.hasNext()) {
            return null;
        }
        Object row = rows.next();
        if (row == null) {
            throw new dev.tusk.exceptions.InterfaceException("a row must not be null");
        }
        return row;
    }

    @Override
    public void close() {
        if (pull != null) {
            pull.cancel();
        }
    }
}
