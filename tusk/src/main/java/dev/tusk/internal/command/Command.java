package dev.tusk.internal.command;

import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.MalformedMessageException;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * One protocol exchange: it writes its request and receives the backend messages meant for it,
 * up to and including the ReadyForQuery that ends it. Commands live on the connection's event
 * loop; only their future is seen by other threads.
 *
 * @param <T> what the exchange produces
 */
public abstract class Command<T> {

    protected final CompletableFuture<T> future = new CommandFuture<>(this);
    private long timeoutNanos;
    private Abandonment abandonment;
    private boolean cancelOnceRunning;
    private long writeSequence = -1;

    private java.util.function.BiConsumer<Object, Throwable> completionHook;

    /** Runs {@code hook} with the result or failure just before the future completes. */
    public final void beforeCompletion(java.util.function.BiConsumer<Object, Throwable> hook) {
        this.completionHook = hook;
    }

    final void beforeCompletion(Object result, Throwable failure) {
        java.util.function.BiConsumer<Object, Throwable> hook = completionHook;
        if (hook != null) {
            hook.accept(result, failure);
        }
    }

    /** What the connection does when a caller gives up on a command (cancel or timeout). */
    public interface Abandonment {
        void abandon(Command<?> command);
    }

    /** The future the caller waits on. */
    public final CompletableFuture<T> future() {
        return future;
    }

    /**
     * Writes this command's messages into {@code out}.
     *
     * @return true when everything is written; false when the command must see replies before it
     *         writes the rest, in which case the connection holds back later commands until the
     *         command calls {@link CommandContext#resumeWrites()}
     * @throws RuntimeException to refuse the call before anything reaches the server (the
     *         connection discards whatever was written and fails the future with it)
     */
    public abstract boolean encode(ByteBuf out, CommandContext context);

    /**
     * Handles one backend message meant for this command.
     *
     * @return true when the command is finished (it has seen its ReadyForQuery)
     */
    public abstract boolean handle(byte type, ByteBuf body, int end, CommandContext context);

    /** Limits the command's run time; 0 means no limit. The connection enforces it. */
    public final Command<T> timeoutNanos(long nanos) {
        this.timeoutNanos = nanos;
        return this;
    }

    public final long timeoutNanos() {
        return timeoutNanos;
    }

    /** Called by the connection when it takes the command; lets a cancelled future reach it. */
    public final void attach(Abandonment abandonment) {
        this.abandonment = abandonment;
    }

    /** The caller cancelled the future. */
    final void abandoned() {
        Abandonment target = abandonment;
        if (target != null) {
            target.abandon(this);
        }
    }

    /** Called by the connection as it writes the command: its place in the connection's write order. */
    public final void writeSequence(long sequence) {
        this.writeSequence = sequence;
    }

    /** The command's place in the connection's write order; -1 before it is written. */
    public final long writeSequence() {
        return writeSequence;
    }

    /** Marks that a cancel request must be sent once this command is the one the server runs. */
    public final void cancelOnceRunning(boolean value) {
        this.cancelOnceRunning = value;
    }

    public final boolean cancelOnceRunning() {
        return cancelOnceRunning;
    }

    /**
     * Makes this command the retry of {@code original}: it keeps the original's time limit, its
     * outcome completes the original caller's future, and a caller who gives up on that future (a
     * cancel or its timeout) gives up on the retry too, which is what the server now runs.
     */
    protected final void retryOf(Command<T> original) {
        timeoutNanos(original.timeoutNanos());
        future.whenComplete((result, failure) -> {
            if (failure != null) {
                original.future.completeExceptionally(failure);
            } else {
                original.future.complete(result);
            }
        });
        original.future.whenComplete((result, failure) -> future.cancel(true));
    }

    /** Fails the command because the connection cannot carry it any further. */
    public void fail(Throwable cause) {
        future.completeExceptionally(cause);
    }

    /** A short description for logs and error messages, without parameter values. */
    public abstract String describe();

    protected final MalformedMessageException unexpected(byte type) {
        return new MalformedMessageException("unexpected " + BackendMessage.name(type) + " during "
                + describe());
    }
}
