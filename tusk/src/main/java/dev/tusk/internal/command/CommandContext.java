package dev.tusk.internal.command;

import dev.tusk.internal.codec.CodecRegistry;
import io.netty.buffer.ByteBuf;

/** What a command may use of the connection that runs it. Called on the event loop only. */
public interface CommandContext {

    /** The buffer that collects outgoing messages until the next flush. */
    ByteBuf outBuffer();

    /** Asks for the out buffer to be flushed once the current event-loop turn is done. */
    void flushSoon();

    /** Lets the connection write the commands it held back for a command that returned false from encode. */
    void resumeWrites();

    CodecRegistry codecs();

    /**
     * What to run when a value shows that a type changed on the server since it was looked up:
     * reload the schema state on the connection's event loop. Called from any thread.
     */
    Runnable typesOutdated();

    /** Records what the server said about types Tusk had no codec for, and extends the registry. */
    void typesLearned(java.util.List<dev.tusk.internal.codec.TypeInfo> types, int[] requested);

    /** The OIDs already looked up (with or without a codec as the result). */
    java.util.Set<Integer> typesLookedUp();

    /** Whether the type lookup statement has been parsed on this connection. */
    boolean typeLookupPrepared();

    void typeLookupPrepared(boolean prepared);

    /** Whether the server reported an open (or failed) transaction block at the last ReadyForQuery. */
    boolean inTransaction();

    StatementCache statementCache();

    /**
     * Whether a cancel request aimed at an earlier command may have hit {@code command} instead:
     * it was written after that command and before the request was delivered. A cancel request is
     * a signal the server acts on at its next interruption check, so when its target finishes
     * first, the next statement can be cancelled in its place.
     */
    boolean mayBeHitByAnEarlierCommandsCancel(Command<?> command);

    /** Puts a fresh copy of a command (a retry) at the end of the connection's queue. */
    void resubmit(Command<?> command);

    /** Records a ParameterStatus value reported during startup or later. */
    void parameterStatus(String name, String value);

    /** Records the server's BackendKeyData for cancel requests. */
    void backendKey(int processId, byte[] secretKey);
}
