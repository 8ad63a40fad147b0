package dev.tusk.internal.command;

import java.util.concurrent.CompletableFuture;

/**
 * The future of a command: cancelling it (by the caller) asks the connection to cancel the
 * command on the server, so the connection stays in sync and usable.
 */
final class CommandFuture<T> extends CompletableFuture<T> {

    private final Command<T> command;

    CommandFuture(Command<T> command) {
        this.command = command;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            command.abandoned();
        }
        return cancelled;
    }

    /** Runs the command's completion hook (query loggers) before callers are woken. */
    @Override
    public boolean complete(T value) {
        if (isDone()) {
            return false;
        }
        command.beforeCompletion(value, null);
        return super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        if (isDone()) {
            return false;
        }
        command.beforeCompletion(null, failure);
        return super.completeExceptionally(failure);
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
