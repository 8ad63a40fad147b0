package dev.tusk.internal.connection;

import dev.tusk.internal.command.Command;

/**
 * The cancel requests of one connection: how many are on their way, and which written commands a
 * stray one may hit. A cancel request is a signal the server acts on at its next interruption
 * check (and the postmaster sends it twice, to the backend and to its process group), so a
 * command written after the request's target and before the request was delivered can be
 * cancelled in the target's place. Confined to the connection's event loop.
 */
final class CancelRequests {

    private int onTheirWay;
    /** Write numbers within [strayFrom, strayTo] may be hit by a request aimed at an earlier command. */
    private long strayFrom = Long.MAX_VALUE;
    private long strayTo = Long.MIN_VALUE;

    /** Whether a request is on its way (later commands wait until it is delivered). */
    boolean onTheirWay() {
        return onTheirWay > 0;
    }

    /** A request aimed at {@code target}, the command the server runs (null if none), is being sent. */
    void sending(Command<?> target) {
        if (onTheirWay == 0 && target != null) {
            strayFrom = target.writeSequence() + 1;
        }
        strayTo = Long.MAX_VALUE;
        onTheirWay++;
    }

    /** A request was delivered (or failed to be); {@code lastWritten} is the last write number given out. */
    void delivered(long lastWritten) {
        if (--onTheirWay == 0) {
            strayTo = lastWritten;
        }
    }

    /** Whether a request aimed at an earlier command may have hit {@code command}. */
    boolean mayHit(Command<?> command) {
        long sequence = command.writeSequence();
        return sequence >= strayFrom && sequence <= strayTo;
    }
}
