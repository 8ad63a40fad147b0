package dev.tusk.r2dbc;

import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Clob;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * R2DBC's large objects over PostgreSQL's {@code bytea} and {@code text}: a bound {@link Blob} or
 * {@link Clob} is read whole into a {@code byte[]} or {@code String} before its statement is
 * sent (PostgreSQL takes a value in one piece), and a column read as {@code Blob} or {@code Clob}
 * streams the value the row already holds.
 */
final class Lobs {

    /** PostgreSQL's bound on one field value (1 GiB). */
    private static final int MAX_BOUND_BYTES = 1 << 30;

    private Lobs() {
    }

    /** Whether a binding set holds a Blob or a Clob. */
    static boolean any(List<Object[]> sets) {
        for (Object[] values : sets) {
            for (Object value : values) {
                if (value instanceof Blob || value instanceof Clob) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The binding sets with every Blob read into a {@code byte[]} and every Clob into a
     * {@code String}. The first stream that fails fails the result at once and cancels the
     * streams still being read.
     */
    static CompletableFuture<List<Object[]>> resolve(List<Object[]> sets) {
        List<Collector<?, ?>> collectors = new ArrayList<>();
        List<CompletableFuture<?>> reads = new ArrayList<>();
        List<Object[]> resolved = new ArrayList<>(sets.size());
        for (Object[] values : sets) {
            Object[] copy = values.clone();
            resolved.add(copy);
            for (int i = 0; i < copy.length; i++) {
                int index = i;
                if (copy[i] instanceof Blob) {
                    ByteCollector bytes = new ByteCollector();
                    collectors.add(bytes);
                    reads.add(bytes.result.thenAccept(read -> copy[index] = read));
                    ((Blob) copy[i]).stream().subscribe(bytes);
                } else if (copy[i] instanceof Clob) {
                    TextCollector text = new TextCollector();
                    collectors.add(text);
                    reads.add(text.result.thenAccept(read -> copy[index] = read));
                    ((Clob) copy[i]).stream().subscribe(text);
                }
            }
        }
        CompletableFuture<List<Object[]>> all = new CompletableFuture<>();
        for (CompletableFuture<?> read : reads) {
            read.whenComplete((ignored, failure) -> {
                if (failure != null && all.completeExceptionally(failure instanceof CompletionException
                        ? failure.getCause() : failure)) {
                    collectors.forEach(Collector::cancel);
                }
            });
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenRun(() -> all.complete(resolved));
        return all;
    }

    /** A Blob of {@code bytes}, streamed as one buffer. */
    static Blob blob(byte[] bytes) {
        return Blob.from(FuturePublisher.of(() -> CompletableFuture.completedFuture(ByteBuffer.wrap(bytes))));
    }

    /** A Clob of {@code text}, streamed as one piece. */
    static Clob clob(String text) {
        return Clob.from(FuturePublisher.<CharSequence>of(() -> CompletableFuture.completedFuture(text)));
    }

    /**
     * Requests everything and keeps what arrives; completes {@link #result} at the end, or with the
     * first failure (the stream's, or a value too large to bind, which cancels the stream).
     */
    private abstract static class Collector<T, R> implements Subscriber<T> {

        final CompletableFuture<R> result = new CompletableFuture<>();
        private volatile Subscription subscription;

        @Override
        public void onSubscribe(Subscription subscription) {
            this.subscription = subscription;
            if (result.isDone()) {
                subscription.cancel(); // cancelled before the stream began
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(T item) {
            if (result.isDone()) {
                return;
            }
            if (item == null) {
                fail(new NullPointerException("a large object's stream emitted null")); // rule 2.13
                return;
            }
            String refusal = append(item);
            if (refusal != null) {
                fail(new IllegalArgumentException(refusal));
            }
        }

        /** Keeps {@code item}; a reason to stop, or null. */
        abstract String append(T item);

        abstract R collected();

        private void fail(Throwable error) {
            subscription.cancel();
            result.completeExceptionally(error);
        }

        /** Stops reading, unless the stream has ended (another large object of the statement failed). */
        void cancel() {
            Subscription current = subscription;
            if (result.completeExceptionally(new CancellationException("another large object of the statement failed"))
                    && current != null) {
                current.cancel();
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            if (!result.isDone()) {
                result.complete(collected());
            }
        }
    }

    private static final class ByteCollector extends Collector<ByteBuffer, byte[]> {

        private byte[] bytes = new byte[256];
        private int size;

        @Override
        String append(ByteBuffer buffer) {
            int count = buffer.remaining();
            if ((long) size + count > MAX_BOUND_BYTES) {
                return "a Blob of more than " + MAX_BOUND_BYTES + " bytes cannot be bound (PostgreSQL's bytea holds up to 1 GiB)";
            }
            if (size + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + count, bytes.length * 2));
            }
            buffer.duplicate().get(bytes, size, count);
            size += count;
            return null;
        }

        @Override
        byte[] collected() {
            return Arrays.copyOf(bytes, size);
        }
    }

    private static final class TextCollector extends Collector<CharSequence, String> {

        private final StringBuilder text = new StringBuilder();

        @Override
        String append(CharSequence piece) {
            if ((long) text.length() + piece.length() > MAX_BOUND_BYTES) {
                return "a Clob of more than " + MAX_BOUND_BYTES + " characters cannot be bound (PostgreSQL's text holds up to 1 GiB)";
            }
            text.append(piece);
            return null;
        }

        @Override
        String collected() {
            return text.toString();
        }
    }
}
