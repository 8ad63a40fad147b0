package dev.tusk.internal.pool;

import java.util.concurrent.TimeoutException;

/**
 * A pool hook ({@code init}, {@code setup}) that did not complete within its bound. The pool
 * closes the connection the hook was running on: the hook may still be using it.
 */
final class HookTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    /**
     * @param hook the hook's name, e.g. {@code "setup"}
     * @param boundNanos the bound it was given
     */
    HookTimeoutException(String hook, long boundNanos) {
        super("the pool's " + hook + " function did not complete within " + boundNanos / 1_000_000 + " ms");
    }
}
