package dev.tusk.r2dbc;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A publisher of the items of a list that a {@link CompletableFuture} delivers. Nothing starts
 * before a subscriber requests: the future is obtained from the supplier at the first
 * {@code request(n > 0)}, once per subscription. Items are emitted only against demand;
 * {@code request(n <= 0)} fails the subscription with {@link IllegalArgumentException} (rule 3.9);
 * {@code cancel()} stops delivery (the work already sent to the server runs to its end).
 *
 * @param <T> the item type
 */
final class FuturePublisher<T> implements Publisher<T> {

    private final Supplier<? extends CompletableFuture<? extends List<? extends T>>> source;
    private final Consumer<? super T> discard;

    private FuturePublisher(Supplier<? extends CompletableFuture<? extends List<? extends T>>> source,
            Consumer<? super T> discard) {
        this.source = source;
        this.discard = discard;
    }

    /** The items of the list the supplied future completes with. */
    static <T> FuturePublisher<T> ofList(Supplier<? extends CompletableFuture<? extends List<? extends T>>> source) {
        return new FuturePublisher<>(source, null);
    }

    /** The value the supplied future completes with; no item when it completes with null. */
    static <T> FuturePublisher<T> of(Supplier<? extends CompletableFuture<? extends T>> source) {
        return new FuturePublisher<T>(() -> source.get().thenApply(value -> value == null ? List.of() : List.of(value)),
                null);
    }

    /**
     * As {@link #of(Supplier)}; a value that arrives after the subscriber cancelled, and so is
     * never delivered, is handed to {@code discard} (e.g. a connection to close).
     */
    static <T> FuturePublisher<T> of(Supplier<? extends CompletableFuture<? extends T>> source, Consumer<? super T> discard) {
        return new FuturePublisher<T>(() -> source.get().thenApply(value -> value == null ? List.of() : List.of(value)),
                Objects.requireNonNull(discard, "discard"));
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Emission<T> emission = new Emission<>(this, subscriber);
        subscriber.onSubscribe(emission);
    }

    /** One subscription: started by the first request, drained by a work-in-progress loop. */
    private static final class Emission<T> implements Subscription {
        private final FuturePublisher<T> publisher;
        private final Subscriber<? super T> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean started;
        private volatile boolean cancelled;
        private volatile List<? extends T> items;
        private volatile Throwable failure;
        private volatile Throwable badRequest;
        private int next;
        private boolean done;

        Emission(FuturePublisher<T> publisher, Subscriber<? super T> subscriber) {
            this.publisher = publisher;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("Subscription.request: n must be positive (rule 3.9), got " + n);
                drain();
                return;
            }
            demand.getAndAccumulate(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
            if (!started) {
                start();
            }
            drain();
        }

        private synchronized void start() {
            if (started) {
                return;
            }
            started = true;
            CompletableFuture<? extends List<? extends T>> future;
            try {
                future = publisher.source.get();
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
            future.whenComplete((list, error) -> {
                if (error != null) {
                    failure = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                } else {
                    items = list;
                }
                drain();
            });
        }

        @Override
        public void cancel() {
            cancelled = true;
            drain();
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (!done) {
                    step();
                } else {
                    discardRest();
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void step() {
            if (cancelled) {
                done = true;
                discardRest();
                return;
            }
            Throwable refused = badRequest;
            if (refused != null) {
                done = true;
                discardRest();
                subscriber.onError(refused);
                return;
            }
            Throwable error = failure;
            if (error != null) {
                done = true;
                subscriber.onError(error);
                return;
            }
            List<? extends T> list = items;
            if (list == null) {
                return;
            }
            while (next < list.size() && demand.get() > 0) {
                T item = list.get(next++);
                demand.decrementAndGet();
                subscriber.onNext(item);
                if (cancelled) {
                    done = true;
                    discardRest();
                    return;
                }
            }
            if (next == list.size()) {
                done = true;
                subscriber.onComplete();
            }
        }

        /** Hands undelivered items to the discard action; called again when late items arrive. */
        private void discardRest() {
            List<? extends T> list = items;
            if (publisher.discard == null || list == null) {
                return;
            }
            while (next < list.size()) {
                publisher.discard.accept(list.get(next++));
            }
        }
    }
}
