package dev.tusk.internal.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

/** Small helpers for calling user functions that return futures. */
final class Futures {

    private Futures() {
    }

    /**
     * Calls {@code fn}, turning an exception it throws or a null it returns into a failed future,
     * and copying its stage into a fresh future the caller may complete or time out freely.
     */
    static <A, T> CompletableFuture<T> call(Function<? super A, ? extends CompletionStage<? extends T>> fn, A argument) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletionStage<? extends T> stage;
        try {
            stage = fn.apply(argument);
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
            return result;
        }
        if (stage == null) {
            result.completeExceptionally(new NullPointerException("the function returned null instead of a future"));
            return result;
        }
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    /**
     * Fails {@code future} with a {@link HookTimeoutException} unless it completes within
     * {@code boundNanos}; the future must be the caller's own (as {@link #call} returns).
     */
    static <T> CompletableFuture<T> within(CompletableFuture<T> future, long boundNanos, String hook) {
        if (future.isDone()) {
            return future;
        }
        ScheduledFuture<?> timer = PoolTimer.schedule(
                () -> future.completeExceptionally(new HookTimeoutException(hook, boundNanos)), boundNanos);
        future.whenComplete((value, failure) -> timer.cancel(false));
        return future;
    }

    /** The failure inside the wrappers that {@code CompletableFuture} adds. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
