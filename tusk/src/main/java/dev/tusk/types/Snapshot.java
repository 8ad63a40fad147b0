package dev.tusk.types;

import java.util.List;

/**
 * A PostgreSQL {@code pg_snapshot} (or the older {@code txid_snapshot}): which transactions a
 * snapshot sees. Transaction IDs are 64-bit, with the epoch in the high 32 bits.
 *
 * @param xmin the earliest transaction still active; every earlier one is visible or aborted
 * @param xmax one past the latest completed transaction; it and every later one are invisible
 * @param xip  the transactions in progress at the snapshot, in ascending order
 */
public record Snapshot(long xmin, long xmax, List<Long> xip) {

    /** Copies the list of in-progress transactions into an unmodifiable list. */
    public Snapshot {
        xip = List.copyOf(xip);
    }

    /** PostgreSQL's text form, {@code xmin:xmax:xip1,xip2}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(xmin).append(':').append(xmax).append(':');
        for (int i = 0; i < xip.size(); i++) {
            text.append(i == 0 ? "" : ",").append(xip.get(i));
        }
        return text.toString();
    }
}
