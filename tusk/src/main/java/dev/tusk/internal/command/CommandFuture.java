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

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
