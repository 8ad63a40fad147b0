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
        return new Collector();
    }

    private static final class Collector extends ResultCollector<RowsAndStatus> {
        private final RowList rows = new RowList();

        @Override
        public boolean wantsRows() {
            return true;
        }

        @Override
        public void expectRows(int count) {
            rows.expect(count);
        }

        @Override
        public void row(Record row) {
            rows.add(row);
        }

        @Override
        public RowsAndStatus result(String status) {
            return new RowsAndStatus(rows.rows(), status);
        }

        @Override
        public ResultCollector<RowsAndStatus> fresh() {
            return new Collector();
        }
    }
}
