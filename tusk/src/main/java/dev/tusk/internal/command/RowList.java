package dev.tusk.internal.command;

import dev.tusk.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one execution, in a list sized once from the row count of the statement's last run
 * ({@link ResultCollector#expectRows}) rather than grown from ten.
 */
final class RowList {

    /** The largest list sized up front; a longer result grows it as usual. */
    private static final int MOST_ROWS_EXPECTED = 10_000;

    private List<Record> rows;

    void expect(int count) {
        if (rows == null) {
            rows = new ArrayList<>(Math.min(count, MOST_ROWS_EXPECTED));
        }
    }

    void add(Record row) {
        if (rows == null) {
            rows = new ArrayList<>();
        }
        rows.add(row);
    }

    /** The rows so far; a new empty list when there were none. */
    List<Record> rows() {
        return rows != null ? rows : new ArrayList<>();
    }
}
