package dev.tusk.internal.copy;

import dev.tusk.CopySink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A {@link CopySink} over a blocking target (stream, channel, file). Chunks are queued and written
 * in order by one task at a time on an executor; while more than {@value #MAX_QUEUED_BYTES} bytes
 * wait, {@link #write} returns a pending stage, which pauses reading from the socket.
 */
public final class BlockingSink implements CopySink {

    static final int MAX_QUEUED_BYTES = 1 << 20;

    /** The blocking operations of a target; run on the executor only. */
    interface Target {
        void write(ByteBuffer chunk) throws IOException;

        void finish() throws IOException;

        /** Releases what the target opened; a failure to do so is added to {@code cause}. */
        void abort(Throwable cause);
    }

    private final Target target;
    private final Executor executor;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private long queuedBytes;
    private boolean draining;
    private boolean finishing;
    private boolean aborted;
    private Throwable abortCause;
    private CompletableFuture<Void> space;

    BlockingSink(Target target, Executor executor) {
        this.target = target;
        this.executor = executor;
    }

    public static CopySink of(OutputStream out) {
        Objects.requireNonNull(out, "out");
        return new BlockingSink(new Target() {
            @Override
            public void write(ByteBuffer chunk) throws IOException {
                if (chunk.hasArray()) {
                    out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
                } else {
                    byte[] copy = new byte[chunk.remaining()];
                    chunk.get(copy);
                    out.write(copy);
                }
            }

            @Override
            public void finish() throws IOException {
                out.flush();
            }

            @Override
            public void abort(Throwable cause) {
                // the caller's stream: the caller closes it
            }
        }, CopyThreads.executor());
    }

    public static CopySink of(WritableByteChannel channel) {
        Objects.requireNonNull(channel, "channel");
        return new BlockingSink(new ChannelTarget(channel, null), CopyThreads.executor());
    }

    public static CopySink of(Path file) {
        Objects.requireNonNull(file, "file");
        return new BlockingSink(new ChannelTarget(null, file), CopyThreads.executor());
    }

    @Override
    public synchronized CompletionStage<?> write(ByteBuffer chunk) {
        if (finished.isDone()) {
            return finished;
        }
        queue.add(chunk);
        queuedBytes += chunk.remaining();
        startDraining();
        if (queuedBytes > MAX_QUEUED_BYTES) {
            space = new CompletableFuture<>();
            return space;
        }
        return finished.isDone() ? finished : CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<?> finish() {
        finishing = true;
        startDraining();
        return finished;
    }

    @Override
    public synchronized void abort(Throwable cause) {
        aborted = true;
        abortCause = cause;
        queue.clear();
        finished.completeExceptionally(cause);
        startDraining();
    }

    private void startDraining() {
        if (!draining) {
            draining = true;
            executor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            ByteBuffer chunk;
            synchronized (this) {
                chunk = queue.poll();
                if (chunk == null) {
                    draining = false;
                    break;
                }
            }
            int size = chunk.remaining();
            try {
                target.write(chunk);
            } catch (IOException | RuntimeException e) {
                failed(e);
                return;
            }
            synchronized (this) {
                queuedBytes -= size;
                if (space != null && queuedBytes <= MAX_QUEUED_BYTES / 2) {
                    space.complete(null);
                    space = null;
                }
            }
        }
        end();
    }

    private void end() {
        boolean finish;
        Throwable abort;
        synchronized (this) {
            finish = finishing && !aborted && !finished.isDone();
            abort = aborted ? abortCause : null;
        }
        if (abort != null) {
            target.abort(abort);
        } else if (finish) {
            try {
                target.finish();
                finished.complete(null);
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }
    }

    private void failed(Throwable e) {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            queue.clear();
            draining = false;
            waiting = space;
            space = null;
        }
        finished.completeExceptionally(e);
        if (waiting != null) {
            waiting.completeExceptionally(e);
        }
        target.abort(e);
    }

    /** A channel given by the caller (kept open) or a file opened on first use (closed at the end). */
    private static final class ChannelTarget implements Target {
        private final Path file;
        private WritableByteChannel channel;

        ChannelTarget(WritableByteChannel channel, Path file) {
            this.channel = channel;
            this.file = file;
        }

        private WritableByteChannel channel() throws IOException {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            }
            return channel;
        }

        @Override
        public void write(ByteBuffer chunk) throws IOException {
            WritableByteChannel target = channel();
            while (chunk.hasRemaining()) {
                target.write(chunk);
            }
        }

        @Override
        public void finish() throws IOException {
            WritableByteChannel target = channel();
            if (file != null) {
                target.close();
            }
        }

        @Override
        public void abort(Throwable cause) {
            if (file != null && channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }
}
