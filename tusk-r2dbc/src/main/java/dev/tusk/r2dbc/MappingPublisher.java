package dev.tusk.r2dbc;

import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Upstream items turned one by one into items: each is mapped to an item, dropped (the mapper
 * returns null; one more item is requested in its place) or turned into an error (the mapper
 * throws: upstream is cancelled and the subscriber gets the exception). An upstream error passes
 * through {@code errors} first.
 *
 * @param <S> the upstream item type
 * @param <T> the item type
 */
final class MappingPublisher<S, T> implements Publisher<T> {

    /** What to do with one item. */
    @FunctionalInterface
    interface Mapper<S, T> {
        /** The item for {@code item}, or null to drop it; throws to end with an error. */
        T apply(S item);
    }

    private final Publisher<? extends S> upstream;
    private final Mapper<? super S, ? extends T> mapper;
    private final Function<Throwable, Throwable> errors;

    MappingPublisher(Publisher<? extends S> upstream, Mapper<? super S, ? extends T> mapper) {
        this(upstream, mapper, Function.identity());
    }

    MappingPublisher(Publisher<? extends S> upstream, Mapper<? super S, ? extends T> mapper,
            Function<Throwable, Throwable> errors) {
        this.upstream = upstream;
        this.mapper = mapper;
        this.errors = errors;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        upstream.subscribe(new MappingSubscriber<S, T>(subscriber, mapper, errors));
    }

    private static final class MappingSubscriber<S, T> implements Subscriber<S> {
        private final Subscriber<? super T> downstream;
        private final Mapper<? super S, ? extends T> mapper;
        private final Function<Throwable, Throwable> errors;
        private Subscription upstream;
        private boolean done;

        MappingSubscriber(Subscriber<? super T> downstream, Mapper<? super S, ? extends T> mapper,
                Function<Throwable, Throwable> errors) {
            this.downstream = downstream;
            this.mapper = mapper;
            this.errors = errors;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            upstream = subscription;
            downstream.onSubscribe(subscription);
        }

        @Override
        public void onNext(S item) {
            if (done) {
                return;
            }
            T mapped;
            try {
                mapped = mapper.apply(item);
            } catch (RuntimeException e) {
                done = true;
                upstream.cancel();
                downstream.onError(e);
                return;
            }
            if (mapped == null) {
                upstream.request(1);
            } else {
                downstream.onNext(mapped);
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!done) {
                done = true;
                downstream.onError(errors.apply(error));
            }
        }

        @Override
        public void onComplete() {
            if (!done) {
                done = true;
                downstream.onComplete();
            }
        }
    }
}
