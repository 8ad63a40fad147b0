package dev.tusk.internal.copy;

import dev.tusk.CopySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A {@link CopySource} over a blocking producer (stream, channel, file, iterator): each chunk is
 * read by a task on an executor, never on the connection's event loop. Small pieces (short
 * arrays from an iterator) are gathered into chunks of up to 64 KiB, as every chunk costs a
 * thread hand-off and a message. Buffers are reused, as the COPY copies a chunk's bytes before
 * it asks for the next.
 */
public final class BlockingSource implements CopySource {

    static final int CHUNK_BYTES = 64 * 1024;

    /** One blocking read: the next chunk, or null at the end. Run on the executor only. */
    interface Reader {
        ByteBuffer read() throws IOException;

        default void close() throws IOException {
        }
    }

    /** Pieces at least this large are sent as they are; smaller ones are gathered. */
    private static final int GATHER_BELOW = 16 * 1024;

    private final Reader reader;
    private final Executor executor;
    private final ByteBuffer gathered = ByteBuffer.allocate(CHUNK_BYTES);
    private ByteBuffer pending;
    private boolean ended;

    BlockingSource(Reader reader, Executor executor) {
        this.reader = reader;
        this.executor = executor;
    }

    public static CopySource of(InputStream in) {
        Objects.requireNonNull(in, "in");
        byte[] buffer = new byte[CHUNK_BYTES];
        return new BlockingSource(() -> {
            int n = in.readNBytes(buffer, 0, buffer.length);
            return n == 0 ? null : ByteBuffer.wrap(buffer, 0, n);
        }, CopyThreads.executor());
    }

    public static CopySource of(ReadableByteChannel channel) {
        Objects.requireNonNull(channel, "channel");
        return new BlockingSource(new ChannelReader(channel, null), CopyThreads.executor());
    }

    public static CopySource of(Path file) {
        Objects.requireNonNull(file, "file");
        return new BlockingSource(new ChannelReader(null, file), CopyThreads.executor());
    }

    public static CopySource ofByteArrays(Iterator<byte[]> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        return new BlockingSource(() -> chunks.hasNext() ? ByteBuffer.wrap(nonNull(chunks.next())) : null,
                CopyThreads.executor());
    }

    public static CopySource ofByteBuffers(Iterator<ByteBuffer> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        return new BlockingSource(() -> chunks.hasNext() ? nonNull(chunks.next()) : null, CopyThreads.executor());
    }

    private static <T> T nonNull(T chunk) {
        if (chunk == null) {
            throw new NullPointerException("a COPY source produced a null chunk");
        }
        return chunk;
    }

    @Override
    public CompletionStage<ByteBuffer> read() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return next();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    /** The next chunk: a large piece as it is, or small pieces gathered up to 64 KiB; null at the end. */
    private synchronized ByteBuffer next() throws IOException {
        ByteBuffer first = pending != null ? pending : ended ? null : reader.read();
        pending = null;
        if (first == null || first.remaining() >= GATHER_BELOW) {
            ended |= first == null;
            return first;
        }
        gathered.clear();
        gathered.put(first);
        while (gathered.position() < GATHER_BELOW * 2) {
            ByteBuffer piece = reader.read();
            if (piece == null) {
                ended = true;
                break;
            }
            if (piece.remaining() > gathered.remaining()) {
                pending = piece;
                break;
            }
            gathered.put(piece);
        }
        return gathered.flip();
    }

    @Override
    public void close() {
        executor.execute(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing the COPY source failed", e);
            }
        });
    }

    /** A channel given by the caller (kept open) or a file opened on first read (closed at the end). */
    private static final class ChannelReader implements Reader {
        private final Path file;
        private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES);
        private ReadableByteChannel channel;

        ChannelReader(ReadableByteChannel channel, Path file) {
            this.channel = channel;
            this.file = file;
        }

        @Override
        public synchronized ByteBuffer read() throws IOException {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            buffer.clear();
            int n;
            do {
                n = channel.read(buffer);
            } while (n == 0 && buffer.hasRemaining());
            if (n < 0 && buffer.position() == 0) {
                return null;
            }
            buffer.flip();
            return buffer;
        }

        @Override
        public synchronized void close() throws IOException {
            if (file != null && channel != null) {
                channel.close();
            }
        }
    }
}
