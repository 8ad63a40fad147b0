package dev.tusk.internal.copy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for the failures of a COPY's source or sink. */
public final class CopyFailures {

    /** CopyFail messages are cut to this many characters. */
    private static final int MAX_MESSAGE_CHARS = 500;

    private CopyFailures() {
    }

    /** The exception a source or sink raised, without the CompletionException around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The failure of a completed future, or null when it succeeded. Never blocks: the future is done. */
    public static Throwable failureOf(CompletableFuture<?> done) {
        if (!done.isCompletedExceptionally()) {
            return null;
        }
        try {
            done.join();
            return null;
        } catch (CompletionException | CancellationException e) {
            return unwrap(e);
        }
    }

    /**
     * The text of a CopyFail message: the failure's class only. The server writes it to its log,
     * and the caller's exception message may hold anything; the caller gets the whole exception.
     */
    public static String copyFailMessage(Throwable failure) {
        String text = "COPY source failed: " + failure.getClass().getName();
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS);
    }
}
