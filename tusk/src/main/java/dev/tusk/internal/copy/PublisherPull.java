package dev.tusk.internal.copy;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Turns a {@link Flow.Publisher} into something the COPY pulls from: it subscribes on first use,
 * keeps at most {@code prefetch} items requested but not yet taken, and asks for more as they are
 * taken. Thread-safe: the publisher calls in on its threads, the COPY takes on its own.
 *
 * @param <T> the items
 */
final class PublisherPull<T> implements Flow.Subscriber<T> {

    private final Flow.Publisher<? extends T> publisher;
    private final int prefetch;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private Flow.Subscription subscription;
    private boolean subscribed;
    private boolean completed;
    private boolean cancelled;
    private Throwable error;
    private int outstanding;
    private CompletableFuture<Void> waiter;

    PublisherPull(Flow.Publisher<? extends T> publisher, int prefetch) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.prefetch = prefetch;
    }

    /**
     * The next item, or null when none is available now; then {@link #isFinished()} tells whether
     * more will come and {@link #whenAvailable()} when to look again.
     *
     * @throws RuntimeException wrapping the publisher's error once the items before it are taken
     */
    T poll() {
        boolean subscribe;
        T item;
        long more = 0;
        synchronized (this) {
            subscribe = !subscribed;
            subscribed = true;
            item = items.poll();
            if (item == null && error != null) {
                throw new java.util.concurrent.CompletionException(error);
            }
            if (subscription != null && !completed && outstanding + items.size() <= prefetch / 2) {
                more = prefetch - outstanding - items.size();
                outstanding += (int) more;
            }
        }
        if (subscribe) {
            publisher.subscribe(this);
        }
        if (more > 0) {
            subscription.request(more);
        }
        return item;
    }

    /** Whether the publisher completed and every item was taken. */
    synchronized boolean isFinished() {
        return completed && items.isEmpty();
    }

    /** Completes when an item, the end or an error arrives (at once if one is there). */
    synchronized CompletableFuture<Void> whenAvailable() {
        if (!items.isEmpty() || completed || error != null) {
            return CompletableFuture.completedFuture(null);
        }
        if (waiter == null) {
            waiter = new CompletableFuture<>();
        }
        return waiter;
    }

    /** Cancels the subscription; later items are dropped. */
    void cancel() {
        Flow.Subscription current;
        synchronized (this) {
            cancelled = true;
            items.clear();
            current = subscription;
            subscribed = true;
        }
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancelNow;
        synchronized (this) {
            cancelNow = cancelled || subscription != null;
            if (!cancelNow) {
                subscription = s;
                outstanding = prefetch;
            }
        }
        if (cancelNow) {
            s.cancel();
        } else {
            s.request(prefetch);
        }
    }

    @Override
    public void onNext(T item) {
        Objects.requireNonNull(item, "a publisher passed a null item to the COPY");
        CompletableFuture<Void> toWake;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            outstanding--;
            items.add(item);
            toWake = takeWaiter();
        }
        wake(toWake);
    }

    @Override
    public void onError(Throwable throwable) {
        CompletableFuture<Void> toWake;
        synchronized (this) {
            error = throwable;
            toWake = takeWaiter();
        }
        wake(toWake);
    }

    @Override
    public void onComplete() {
        CompletableFuture<Void> toWake;
        synchronized (this) {
            completed = true;
            toWake = takeWaiter();
        }
        wake(toWake);
    }

    private CompletableFuture<Void> takeWaiter() {
        CompletableFuture<Void> current = waiter;
        waiter = null;
        return current;
    }

    private static void wake(CompletableFuture<Void> toWake) {
        if (toWake != null) {
            toWake.complete(null);
        }
    }
}
