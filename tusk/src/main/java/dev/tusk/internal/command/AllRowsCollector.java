package dev.tusk.internal.command;

import dev.tusk.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Collects every row of one execution, in a list sized once from the row count of the
 * statement's last run ({@link ResultCollector#expectRows}) rather than grown from ten, and makes
 * the caller's result of the rows and the command status.
 *
 * @param <T> the caller's result
 */
final class AllRowsCollector<T> extends ResultCollector<T> {

    /** The largest list sized up front; a longer result grows it as usual. */
    private static final int MOST_ROWS_EXPECTED = 10_000;

    private final BiFunction<List<Record>, String, T> result;
    private List<Record> rows;

    AllRowsCollector(BiFunction<List<Record>, String, T> result) {
        this.result = result;
    }

    @Override
    public boolean wantsRows() {
        return true;
    }

    @Override
    public void expectRows(int count) {
        if (rows == null) {
            rows = new ArrayList<>(Math.min(count, MOST_ROWS_EXPECTED));
        }
    }

    @Override
    public void row(Record row) {
        if (rows == null) {
            rows = new ArrayList<>();
        }
        rows.add(row);
    }

    @Override
    public T result(String status) {
        return result.apply(rows != null ? rows : new ArrayList<>(), status);
    }

    @Override
    public ResultCollector<T> fresh() {
        return new AllRowsCollector<>(result);
    }
}
