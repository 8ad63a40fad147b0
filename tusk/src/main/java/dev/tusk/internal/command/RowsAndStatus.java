package dev.tusk.internal.command;

import dev.tusk.Record;
import java.util.List;

/**
 * Every row of one execution and its command status together.
 *
 * @param rows   the rows, in order
 * @param status the command status, e.g. {@code UPDATE 3}
 */
public record RowsAndStatus(List<Record> rows, String status) {

    /** A collector of every row and the status. */
    public static ResultCollector<RowsAndStatus> collector() {
        return new AllRowsCollector<>(RowsAndStatus::new);
    }
}
