package dev.tusk.test;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded waits on futures and conditions: a test that would hang fails instead. */
public final class Await {

    public static final Duration BOUND = Duration.ofSeconds(30);

    private Await() {
    }

    /** Waits for {@code future} to succeed within {@link #BOUND} and returns its value. */
    public static <T> T value(CompletableFuture<T> future) {
        return value(future, BOUND);
    }

    /** Waits for {@code future} to succeed within {@code bound} and returns its value. */
    public static <T> T value(CompletableFuture<T> future, Duration bound) {
        try {
            return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the call did not complete within " + bound, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static Throwable failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, but the call returned " + value);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        } catch (CancellationException e) {
            return e;
        } catch (TimeoutException e) {
            throw new AssertionError("the call neither succeeded nor failed within " + BOUND, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Polls {@code condition} every 10 ms until it holds, failing after {@link #BOUND}. */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + BOUND + ": " + what);
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }
}
