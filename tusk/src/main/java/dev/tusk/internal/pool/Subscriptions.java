package dev.tusk.internal.pool;

import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import java.util.concurrent.Flow;

/** What the pool tells a subscriber whose stream cannot start. */
final class Subscriptions {

    /** The subscription of a stream that never started: requests and cancels do nothing. */
    private static final Flow.Subscription NONE = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    private Subscriptions() {
    }

    /**
     * {@code rows}, subscribed only while {@code stillHeld} does not throw: a publisher made from a
     * pooled connection may be subscribed after the connection went back to the pool.
     *
     * @param stillHeld throws {@link InterfaceException} once the connection was released
     */
    static Flow.Publisher<Record> whileHeld(Runnable stillHeld, Flow.Publisher<Record> rows) {
        return subscriber -> {
            try {
                stillHeld.run();
            } catch (InterfaceException released) {
                fail(subscriber, released);
                return;
            }
            rows.subscribe(subscriber);
        };
    }

    /** Gives {@code subscriber} an (empty) subscription to a stream the caller cancelled before it started. */
    static void cancelled(Flow.Subscriber<? super Record> subscriber) {
        subscriber.onSubscribe(NONE);
    }

    /** Gives {@code subscriber} its (empty) subscription and then {@code failure}, as Reactive Streams requires. */
    static void fail(Flow.Subscriber<? super Record> subscriber, Throwable failure) {
        subscriber.onSubscribe(NONE);
        subscriber.onError(failure);
    }
}
