package dev.tusk.copy;

import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Flow;

/**
 * A cold publisher for tests: emits the items of an iterable as they are requested, on another
 * thread, then completes (or fails with {@code failure} when one is given). One subscriber.
 */
final class ListPublisher<T> implements Flow.Publisher<T> {

    private final Iterable<? extends T> items;
    private final Throwable failure;
    private final Executor executor = ForkJoinPool.commonPool();

    ListPublisher(Iterable<? extends T> items, Throwable failure) {
        this.items = items;
        this.failure = failure;
    }

    static <T> ListPublisher<T> of(Iterable<? extends T> items) {
        return new ListPublisher<>(items, null);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Iterator<? extends T> iterator = items.iterator();
        subscriber.onSubscribe(new Flow.Subscription() {
            private long demand;
            private boolean emitting;
            private boolean done;

            @Override
            public void request(long n) {
                synchronized (this) {
                    demand += n;
                    if (emitting) {
                        return;
                    }
                    emitting = true;
                }
                executor.execute(this::emit);
            }

            private void emit() {
                while (true) {
                    synchronized (this) {
                        if (done || demand == 0 || !iterator.hasNext()) {
                            emitting = false;
                            if (!done && !iterator.hasNext()) {
                                done = true;
                                break;
                            }
                            return;
                        }
                        demand--;
                    }
                    subscriber.onNext(iterator.next());
                }
                if (failure != null) {
                    subscriber.onError(failure);
                } else {
                    subscriber.onComplete();
                }
            }

            @Override
            public synchronized void cancel() {
                done = true;
            }
        });
    }
}
