package dev.tusk.internal.command;

import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import io.netty.buffer.ByteBuf;

/**
 * Resets the session, as asyncpg's {@code Connection.reset()}: rolls back an open transaction if
 * asked, then releases advisory locks, closes cursors, stops listening and resets every setting.
 *
 * <p>A pool runs this on every release, so it is made cheap for the server: on a connection that
 * keeps named statements, its statements are prepared once (under the connection's own names) and
 * each reset is then four Bind/Execute pairs and a Sync, one flight, which the server runs without
 * parsing or planning anything (less than half of what the same script costs it as a simple Query).
 * Where named statements do not outlive a flight (a pooler in transaction mode, a cache of size 0)
 * it is the script through the simple protocol. Either way the statements are idempotent, so a
 * reset the server refused because its prepared statements were gone, or that a stray cancel hit,
 * is run once more.
 */
public final class ResetCommand extends Command<Void> {

    /** The reset's statements, in order; {@link #script(boolean)} joins them. */
    static final String[] STATEMENTS = {
        "SELECT pg_catalog.pg_advisory_unlock_all()", "CLOSE ALL", "UNLISTEN *", "RESET ALL",
    };
    private static final String ROLLBACK = "ROLLBACK";
    private static final String SCRIPT = join(false);
    private static final String ROLLBACK_AND_SCRIPT = join(true);

    private final boolean rollbackFirst;
    private final boolean isRetry;
    private boolean parsed;
    private boolean named;
    private RuntimeException error;

    /** @param rollbackFirst whether the session is in a transaction block that must be rolled back first */
    public ResetCommand(boolean rollbackFirst) {
        this(rollbackFirst, false);
    }

    private ResetCommand(boolean rollbackFirst, boolean isRetry) {
        this.rollbackFirst = rollbackFirst;
        this.isRetry = isRetry;
    }

    /** The reset as one script of the simple protocol. */
    public static String script(boolean rollbackFirst) {
        return rollbackFirst ? ROLLBACK_AND_SCRIPT : SCRIPT;
    }

    private static String join(boolean rollbackFirst) {
        StringBuilder script = new StringBuilder(96);
        if (rollbackFirst) {
            script.append(ROLLBACK).append(";\n");
        }
        for (String statement : STATEMENTS) {
            script.append(statement).append(";\n");
        }
        script.setLength(script.length() - 1);
        return script.toString();
    }

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        StatementCache cache = context.statementCache();
        if (!cache.keepsNamedStatements()) {
            FrontendMessages.query(out, script(rollbackFirst));
            return true;
        }
        named = true;
        parsed = cache.resetStatements() == StatementCache.ResetStatements.NONE;
        if (parsed) {
            cache.resetStatements(StatementCache.ResetStatements.PARSE_SENT);
        }
        String[] names = cache.resetStatementNames();
        if (rollbackFirst) {
            // a reset called inside a transaction (the pool rolls back before it resets): the unnamed statement
            FrontendMessages.parse(out, "", ROLLBACK);
            FrontendMessages.bind(out, "", "");
            FrontendMessages.execute(out, "", 0);
        }
        for (int i = 0; i < STATEMENTS.length; i++) {
            run(out, names[i], STATEMENTS[i], parsed);
        }
        FrontendMessages.sync(out);
        return true;
    }

    /**
     * Binds and executes one statement in the unnamed portal, parsing it first when asked (after a
     * Close of the same name, which a failed earlier attempt may have left behind; closing a name
     * the session does not have is no error). Statements are parsed one by one, each just before
     * its Execute, so that a ROLLBACK written first has ended an aborted transaction, which refuses
     * any other Parse.
     */
    private static void run(ByteBuf out, String name, String sql, boolean parse) {
        if (parse) {
            FrontendMessages.closeStatement(out, name);
            FrontendMessages.parse(out, name, sql);
        }
        FrontendMessages.bind(out, "", name);
        FrontendMessages.execute(out, "", 0);
    }

    @Override
    public boolean handle(byte type, ByteBuf body, int end, CommandContext context) {
        switch (type) {
            case BackendMessage.CLOSE_COMPLETE:
            case BackendMessage.PARSE_COMPLETE:
            case BackendMessage.BIND_COMPLETE:
            case BackendMessage.ROW_DESCRIPTION:
            case BackendMessage.DATA_ROW:
            case BackendMessage.COMMAND_COMPLETE:
                return false;
            case BackendMessage.ERROR_RESPONSE:
                if (error == null) {
                    error = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                }
                return false;
            case BackendMessage.READY_FOR_QUERY:
                finish(context);
                return true;
            default:
                throw unexpected(type);
        }
    }

    private void finish(CommandContext context) {
        StatementCache cache = context.statementCache();
        if (error == null) {
            if (parsed && cache.resetStatements() == StatementCache.ResetStatements.PARSE_SENT) {
                cache.resetStatements(StatementCache.ResetStatements.CONFIRMED);
            }
            future.complete(null);
            return;
        }
        boolean missing = named && !parsed && ExtendedQueryCommand.isMissingStatement(error);
        if (missing && cache.resetStatements() == StatementCache.ResetStatements.CONFIRMED) {
            // the server had them and lost them without a DEALLOCATE ALL: another session behind a pooler
            cache.poolerDetected();
        }
        if (named && (parsed || missing)) {
            cache.resetStatements(StatementCache.ResetStatements.NONE);
        }
        if (!isRetry && (missing || ExtendedQueryCommand.isStrayCancel(error, context, this))) {
            context.resubmit(retry());
            return;
        }
        future.completeExceptionally(error);
    }

    /** A fresh copy that completes this command's future. */
    private ResetCommand retry() {
        ResetCommand retry = new ResetCommand(rollbackFirst, true);
        retry.retryOf(this);
        return retry;
    }

    @Override
    public String describe() {
        return rollbackFirst ? "session reset (with ROLLBACK)" : "session reset";
    }
}
