package dev.tusk.internal.pool;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The acquires waiting for a connection, first come first served. Only the pool's drain loop
 * (one thread at a time) removes waiters; a waiter that completed meanwhile (timed out, cancelled)
 * is skipped when it reaches the head. {@link #pending()} counts the waiters not yet completed.
 */
final class WaitQueue {

    private final ConcurrentLinkedQueue<Waiter> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    void add(Waiter waiter) {
        pending.incrementAndGet();
        waiter.result.whenComplete((connection, failure) -> {
            pending.decrementAndGet();
            waiter.stopTimer();
        });
        queue.add(waiter);
    }

    /** The first waiter still waiting, dropping completed ones; null when none waits. */
    Waiter peekWaiting() {
        Waiter head;
        while ((head = queue.peek()) != null && head.result.isDone()) {
            queue.poll();
        }
        return head;
    }

    /** Removes the head; called by the drain loop right after {@link #peekWaiting()}. */
    void removeHead() {
        queue.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int pending() {
        return pending.get();
    }

    /** Fails every waiter, e.g. when the pool closes; the drain loop drops them later. */
    void failAll(RuntimeException failure) {
        for (Waiter waiter : queue) {
            waiter.result.completeExceptionally(failure);
        }
    }
}
