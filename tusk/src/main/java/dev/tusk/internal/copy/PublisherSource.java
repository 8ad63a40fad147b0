package dev.tusk.internal.copy;

import dev.tusk.CopySource;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A {@link CopySource} over a publisher of buffers, requesting a few buffers ahead of the COPY. */
public final class PublisherSource implements CopySource {

    private static final int PREFETCH = 4;

    private final PublisherPull<ByteBuffer> pull;

    private PublisherSource(Flow.Publisher<ByteBuffer> publisher) {
        this.pull = new PublisherPull<>(publisher, PREFETCH);
    }

    public static CopySource ofBuffers(Flow.Publisher<ByteBuffer> publisher) {
        return new PublisherSource(publisher);
    }

    @Override
    public CompletionStage<ByteBuffer> read() {
        ByteBuffer item;
        try {
            item = pull.poll();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e.getCause() != null ? e.getCause() : e);
        }
        if (item != null || pull.isFinished()) {
            return CompletableFuture.completedFuture(item);
        }
        return pull.whenAvailable().thenCompose(ready -> read());
    }

    @Override
    public void close() {
        pull.cancel();
    }
}
