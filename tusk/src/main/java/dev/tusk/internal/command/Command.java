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

    protected final CompletableFuture<T> future = new CompletableFuture<>();

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
