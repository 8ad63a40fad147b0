package dev.tusk.internal.command;

import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.FrontendMessages;
import io.netty.buffer.ByteBuf;

/**
 * The session reset of a pool's one-call method ({@code pool.fetch}, ...), written into the
 * call's own flight: the call's Bind and Execute, then the four Bind/Execute pairs of
 * {@link ResetCommand}'s prepared statements, then one Sync. The server runs the call and the
 * reset as one implicit transaction and answers with one ReadyForQuery: it starts, commits and
 * flushes once instead of twice, which takes about half of what the reset costs it as a flight of
 * its own.
 *
 * <p>The reset rides along only where it can be bound at once: the connection keeps named
 * statements, the server has confirmed the reset's statements, and no transaction block is open.
 * It counts as done only if every statement of the flight succeeded and the session ended idle;
 * otherwise (the call failed and the server skipped the rest, the call opened a transaction
 * block, the connection broke) the pool resets the session as usual, in a flight of its own.
 *
 * <p>As the call and the reset share a transaction, an error in the reset rolls the call back:
 * the call is then run once more, alone (see {@link ExtendedQueryCommand}), which is what its
 * caller asked for. An error after the reset's statements is the commit's (a deferred constraint,
 * a serialization failure) and is the call's own. Confined to the connection's event loop until
 * the call's future completes; {@link #succeeded()} is read after that.
 */
public final class TrailingReset {

    private boolean written;
    private int statementsDone;
    private boolean succeeded;

    /**
     * Writes the reset's executions if they can ride in this flight.
     *
     * @return whether they were written; the Sync that ends the flight is the caller's
     */
    boolean write(ByteBuf out, CommandContext context) {
        StatementCache cache = context.statementCache();
        if (written || !cache.keepsNamedStatements() || context.inTransaction()
                || cache.resetStatements() != StatementCache.ResetStatements.CONFIRMED) {
            return false;
        }
        String[] names = cache.resetStatementNames();
        for (String name : names) {
            FrontendMessages.bind(out, "", name);
            FrontendMessages.execute(out, "", 0);
        }
        written = true;
        return true;
    }

    /** One of the reset's replies (BindComplete, the advisory unlock's row, CommandComplete). */
    void onMessage(byte type) {
        if (type == BackendMessage.COMMAND_COMPLETE) {
            statementsDone++;
        }
    }

    /** Whether an error that came after the call's own replies was raised by a statement of the reset. */
    boolean raisedTheError() {
        return statementsDone < ResetCommand.STATEMENTS.length;
    }

    /**
     * The flight's ReadyForQuery arrived.
     *
     * @param failed whether the server reported an error in the flight
     * @param inTransaction whether the session is left inside a transaction block
     */
    void settled(boolean failed, boolean inTransaction) {
        succeeded = written && !failed && !inTransaction && statementsDone == ResetCommand.STATEMENTS.length;
    }

    /** Whether the session was reset by the call's flight; read once the call's future has completed. */
    public boolean succeeded() {
        return succeeded;
    }
}
