package dev.tusk.internal.command;

/**
 * A command that writes its messages over several event-loop turns (a long batch, COPY data),
 * holding back later commands until it is done.
 */
public interface StreamingWriter {

    /**
     * Called by the connection when the socket can take more (after a flush, or when it becomes
     * writable again). Writes another chunk into the out buffer.
     *
     * @return true while the command still has more to write
     */
    boolean writeMore(CommandContext context);
}
