package dev.tusk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded waits for the outcome of a future or a condition, for fault scenarios. */
final class Outcomes {

    /** How long any single outcome may take before the scenario counts as hung. */
    static final Duration BOUND = Duration.ofSeconds(15);

    private Outcomes() {
    }

    /** Waits for {@code future} to fail within {@link #BOUND} and returns why, unwrapped. */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, but the call returned " + value);
        } catch (ExecutionException e) {
            return unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the call neither succeeded nor failed within " + BOUND, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for {@code future} to succeed within {@link #BOUND} and returns its value. */
    static <T> T value(CompletableFuture<T> future) {
        return dev.tusk.test.Await.value(future, BOUND);
    }

    /** Waits until {@code future} completes either way within {@link #BOUND}. */
    static void settled(CompletableFuture<?> future) {
        try {
            future.handle((value, failure) -> null).get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the call did not complete within " + BOUND, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits until {@code condition} holds, checking it every 20 ms, for at most {@link #BOUND}. */
    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + BOUND + " waiting until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    static Throwable unwrap(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    /**
     * Asserts that {@code failure} reports the server going away: its shutdown notice (57P01,
     * sent at a restart, or by a backend that outlives a killed postmaster long enough to notice)
     * or the loss of the connection (class 08). Which one a call sees is the server's race, not
     * the driver's: a backend that exits with a pipelined query unread in its socket makes the
     * kernel reset the connection, which can discard the notice it had just written.
     */
    static void assertServerWentAway(Throwable failure) {
        assertThat(failure).isInstanceOf(dev.tusk.exceptions.PostgresException.class);
        String sqlState = ((dev.tusk.exceptions.PostgresException) failure).getSqlState();
        assertThat(sqlState.equals("57P01") || sqlState.startsWith("08"))
                .as("SQLSTATE 57P01 or class 08 for " + failure).isTrue();
    }

    /** Asserts that {@code failure} is a connection exception: SQLSTATE class 08. */
    static void assertConnectionFailure(Throwable failure) {
        assertThat(failure).isInstanceOf(dev.tusk.exceptions.PostgresException.class);
        assertThat(((dev.tusk.exceptions.PostgresException) failure).getSqlState()).as("SQLSTATE of " + failure)
                .startsWith("08");
    }
}
