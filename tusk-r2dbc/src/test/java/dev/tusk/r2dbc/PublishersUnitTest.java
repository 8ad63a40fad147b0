package dev.tusk.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** The adapter's own publishers follow the Reactive Streams rules, without a server. */
class PublishersUnitTest {

    /** Records every signal; requests only when told. */
    static final class Recorder<T> implements Subscriber<T> {
        final List<T> items = new ArrayList<>();
        Throwable error;
        int completions;
        Subscription subscription;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(T item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            completions++;
        }
    }

    private static <T> Recorder<T> subscribe(Publisher<T> publisher) {
        Recorder<T> recorder = new Recorder<>();
        publisher.subscribe(recorder);
        return recorder;
    }

    @Test
    void nothingStartsBeforeTheFirstRequest() {
        AtomicInteger started = new AtomicInteger();
        Publisher<String> publisher = FuturePublisher.of(() -> {
            started.incrementAndGet();
            return CompletableFuture.completedFuture("value");
        });

        Recorder<String> recorder = subscribe(publisher);
        int beforeRequest = started.get();
        recorder.subscription.request(1);

        assertThat(beforeRequest).isZero();
        assertThat(started).hasValue(1);
        assertThat(recorder.items).containsExactly("value");
        assertThat(recorder.completions).isEqualTo(1);
    }

    @Test
    void eachSubscriptionStartsItsOwnWork() {
        AtomicInteger started = new AtomicInteger();
        Publisher<Integer> publisher = FuturePublisher.of(() -> CompletableFuture.completedFuture(started.incrementAndGet()));

        Recorder<Integer> first = subscribe(publisher);
        Recorder<Integer> second = subscribe(publisher);
        first.subscription.request(1);
        second.subscription.request(1);

        assertThat(first.items).containsExactly(1);
        assertThat(second.items).containsExactly(2);
    }

    @Test
    void aNonPositiveRequestFailsWithIllegalArgumentException() {
        Recorder<String> recorder = subscribe(FuturePublisher.of(() -> CompletableFuture.completedFuture("x")));

        recorder.subscription.request(0);

        assertThat(recorder.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
        assertThat(recorder.items).isEmpty();
    }

    @Test
    void itemsAreEmittedOnlyAgainstDemand() {
        Recorder<Integer> recorder = subscribe(FuturePublisher.ofList(() -> CompletableFuture.completedFuture(List.of(1, 2, 3))));

        recorder.subscription.request(2);
        List<Integer> afterTwo = new ArrayList<>(recorder.items);
        int completionsAfterTwo = recorder.completions;
        recorder.subscription.request(5);

        assertThat(afterTwo).containsExactly(1, 2);
        assertThat(completionsAfterTwo).isZero();
        assertThat(recorder.items).containsExactly(1, 2, 3);
        assertThat(recorder.completions).isEqualTo(1);
    }

    @Test
    void aValueArrivingAfterCancelIsNotDeliveredButDiscarded() {
        CompletableFuture<String> pending = new CompletableFuture<>();
        List<String> discarded = new ArrayList<>();
        Recorder<String> recorder = subscribe(FuturePublisher.of(() -> pending, discarded::add));

        recorder.subscription.request(1);
        recorder.subscription.cancel();
        pending.complete("late connection");

        assertThat(recorder.items).isEmpty();
        assertThat(recorder.completions).isZero();
        assertThat(discarded).containsExactly("late connection");
    }

    @Test
    void aFailedFutureIsAnErrorSignal() {
        IllegalStateException failure = new IllegalStateException("boom");
        Recorder<String> recorder = subscribe(FuturePublisher.of(() -> CompletableFuture.failedFuture(failure)));

        recorder.subscription.request(1);

        assertThat(recorder.error).isSameAs(failure);
    }

    @Test
    void concatMapReplaysInnerPublishersInOrderUnderDemand() {
        Publisher<Integer> outer = FuturePublisher.ofList(() -> CompletableFuture.completedFuture(List.of(1, 2, 3)));
        Publisher<String> concatenated = new ConcatMapPublisher<Integer, String>(outer, n -> FuturePublisher.ofList(
                () -> CompletableFuture.completedFuture(n == 2 ? List.of() : List.of(n + "a", n + "b"))));

        Recorder<String> recorder = subscribe(concatenated);
        recorder.subscription.request(3);
        List<String> afterThree = new ArrayList<>(recorder.items);
        recorder.subscription.request(Long.MAX_VALUE);

        assertThat(afterThree).containsExactly("1a", "1b", "3a");
        assertThat(recorder.items).containsExactly("1a", "1b", "3a", "3b");
        assertThat(recorder.completions).isEqualTo(1);
    }

    @Test
    void aMappingThatThrowsEndsWithItsException() {
        Publisher<Integer> source = FuturePublisher.ofList(() -> CompletableFuture.completedFuture(List.of(1, 2, 3)));
        Publisher<Integer> mapped = new MappingPublisher<Integer, Integer>(source, n -> {
            if (n == 2) {
                throw new IllegalStateException("two");
            }
            return n * 10;
        });

        Recorder<Integer> recorder = subscribe(mapped);
        recorder.subscription.request(10);

        assertThat(recorder.items).containsExactly(10);
        assertThat(recorder.error).hasMessage("two");
    }

    @Test
    void aDroppedItemIsReplacedByTheNextOne() {
        Publisher<Integer> source = FuturePublisher.ofList(() -> CompletableFuture.completedFuture(List.of(1, 2, 3, 4)));
        Publisher<Integer> evens = new MappingPublisher<Integer, Integer>(source, n -> n % 2 == 0 ? n : null);

        Recorder<Integer> recorder = subscribe(evens);
        recorder.subscription.request(1);
        List<Integer> afterOne = new ArrayList<>(recorder.items);
        recorder.subscription.request(1);

        assertThat(afterOne).containsExactly(2);
        assertThat(recorder.items).containsExactly(2, 4);
        assertThat(recorder.completions).isEqualTo(1);
    }
}
