package dev.tusk.r2dbc;

import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Each upstream item mapped to a publisher, whose items are replayed in order, one publisher after
 * the other ({@code Result.flatMap}'s concatenation). One upstream item is requested at a time;
 * the downstream's outstanding demand is handed to whichever inner publisher is current.
 *
 * @param <S> the upstream item type
 * @param <T> the item type of the inner publishers
 */
final class ConcatMapPublisher<S, T> implements Publisher<T> {

    private final Publisher<S> upstream;
    private final Function<? super S, ? extends Publisher<? extends T>> mapper;

    ConcatMapPublisher(Publisher<S> upstream, Function<? super S, ? extends Publisher<? extends T>> mapper) {
        this.upstream = upstream;
        this.mapper = mapper;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        upstream.subscribe(new Outer<>(subscriber, mapper));
    }

    private static final class Outer<S, T> implements Subscriber<S>, Subscription {
        private final Subscriber<? super T> downstream;
        private final Function<? super S, ? extends Publisher<? extends T>> mapper;
        private final Object lock = new Object();
        private Subscription upstream;
        /** Guarded by lock: demand the downstream made and no item has answered yet. */
        private long requested;
        /** Guarded by lock. */
        private Subscription inner;
        /** Guarded by lock: an inner publisher is subscribed and has not terminated. */
        private boolean innerActive;
        /** Guarded by lock. */
        private boolean upstreamDone;
        /** Guarded by lock: the first item was requested from upstream. */
        private boolean upstreamAsked;
        /** Guarded by lock: an upstream error held back until the current inner publisher ends. */
        private Throwable upstreamError;
        private volatile boolean cancelled;
        private volatile boolean terminated;

        Outer(Subscriber<? super T> downstream, Function<? super S, ? extends Publisher<? extends T>> mapper) {
            this.downstream = downstream;
            this.mapper = mapper;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            upstream = subscription;
            downstream.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                IllegalArgumentException refused = new IllegalArgumentException(
                        "Subscription.request: n must be positive (rule 3.9), got " + n);
                terminate(refused);
                cancel();
                return;
            }
            boolean first;
            Subscription current;
            synchronized (lock) {
                first = !upstreamAsked;
                upstreamAsked = true;
                requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
                current = inner;
            }
            if (first) {
                upstream.request(1);
            } else if (current != null) {
                current.request(n);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            Subscription current;
            synchronized (lock) {
                current = inner;
            }
            upstream.cancel();
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public void onNext(S item) {
            if (cancelled || terminated) {
                return;
            }
            Publisher<? extends T> next;
            try {
                next = Objects.requireNonNull(mapper.apply(item), "the flatMap function returned a null publisher");
            } catch (RuntimeException e) {
                upstream.cancel();
                terminate(e);
                return;
            }
            synchronized (lock) {
                innerActive = true;
            }
            next.subscribe(new Inner());
        }

        @Override
        public void onError(Throwable error) {
            synchronized (lock) {
                if (innerActive) {
                    upstreamError = error;
                    return;
                }
            }
            terminate(error);
        }

        @Override
        public void onComplete() {
            synchronized (lock) {
                upstreamDone = true;
                if (innerActive) {
                    return;
                }
            }
            if (!cancelled && !terminated) {
                terminated = true;
                downstream.onComplete();
            }
        }

        private void terminate(Throwable error) {
            if (!cancelled && !terminated) {
                terminated = true;
                downstream.onError(error);
            }
        }

        /** The current inner publisher's subscriber. */
        private final class Inner implements Subscriber<T> {

            @Override
            public void onSubscribe(Subscription subscription) {
                long demand;
                synchronized (lock) {
                    inner = subscription;
                    demand = requested;
                }
                if (cancelled) {
                    subscription.cancel();
                } else if (demand > 0) {
                    subscription.request(demand);
                }
            }

            @Override
            public void onNext(T item) {
                synchronized (lock) {
                    if (requested != Long.MAX_VALUE) {
                        requested--;
                    }
                }
                if (!cancelled && !terminated) {
                    downstream.onNext(item);
                }
            }

            @Override
            public void onError(Throwable error) {
                synchronized (lock) {
                    inner = null;
                    innerActive = false;
                }
                upstream.cancel();
                terminate(error);
            }

            @Override
            public void onComplete() {
                Throwable heldBack;
                boolean finished;
                synchronized (lock) {
                    inner = null;
                    innerActive = false;
                    heldBack = upstreamError;
                    finished = upstreamDone;
                }
                if (heldBack != null) {
                    terminate(heldBack);
                } else if (finished) {
                    if (!cancelled && !terminated) {
                        terminated = true;
                        downstream.onComplete();
                    }
                } else {
                    upstream.request(1);
                }
            }
        }
    }
}
