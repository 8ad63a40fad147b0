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
 * caller asked for; only a statement that may have committed on its own is not run twice
 * ({@link #callMayRunAgain}). An error after the reset's statements is the commit's (a deferred
 * constraint, a serialization failure) and is the call's own. Confined to the connection's event loop until
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
     * After an error of the reset's statements: forgets the reset's prepared statements if the
     * server lost them, and says whether the call may run once more, alone. It may when it was
     * rolled back with the reset: a query or a change of rows (command status SELECT, INSERT,
     * UPDATE, DELETE, MERGE, FETCH or MOVE; for a call whose rows stopped at its row limit, a
     * statement that begins with SELECT, WITH, VALUES or TABLE), which cannot commit before the
     * flight's end. It may too when the call itself dropped the session's prepared statements
     * (DISCARD ALL, DEALLOCATE ALL), which is why the reset failed and is harmless to repeat. Any
     * other statement may have committed on its own (VACUUM, CREATE DATABASE, a procedure or DO
     * block that commits) and is not run twice: it fails with the reset's error.
     *
     * @param callStatus the call's command status, or null when its rows stopped at the limit
     */
    boolean callMayRunAgain(RuntimeException error, String sql, String callStatus, StatementCache cache) {
        boolean droppedByTheCall = cache.resetStatements() != StatementCache.ResetStatements.CONFIRMED;
        if (ExtendedQueryCommand.isMissingStatement(error) && !droppedByTheCall) {
            // the server had confirmed them and lost them without a DEALLOCATE ALL: a pooler (as ResetCommand judges)
            cache.poolerDetected();
        }
        if (droppedByTheCall) {
            return true;
        }
        if (callStatus == null) {
            String keyword = InsertStatementScanner.leadingKeyword(sql);
            return keyword.equals("SELECT") || keyword.equals("WITH") || keyword.equals("VALUES")
                    || keyword.equals("TABLE");
        }
        int space = callStatus.indexOf(' ');
        switch (space < 0 ? callStatus : callStatus.substring(0, space)) {
            case "SELECT":
            case "INSERT":
            case "UPDATE":
            case "DELETE":
            case "MERGE":
            case "FETCH":
            case "MOVE":
                return true;
            default:
                return false;
        }
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
