package dev.tusk.internal.command;

import dev.tusk.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the rows and the command status of one execution into what the caller asked for:
 * all rows, the first row, one value, or the status alone.
 *
 * @param <T> the caller's result
 */
public abstract class ResultCollector<T> {

    /** Whether rows should be decoded into records at all. */
    public abstract boolean wantsRows();

    /** At most this many rows are requested from the server; 0 means all. */
    public int maxRows() {
        return 0;
    }

    public void row(Record row) {
    }

    /**
     * Called before the first row with the number of rows the statement returned the last time
     * it ran, so that a collector keeping every row can size its list once; a hint, not a promise.
     */
    public void expectRows(int count) {
    }

    /** The server stopped at {@code maxRows()}: the portal has more rows. */
    public void portalSuspended() {
    }

    public abstract T result(String status);

    /**
     * Whether the execution may be run again from the start with {@link #fresh()} (after a stray
     * cancel or a stale statement); false once rows went where they cannot be taken back.
     */
    public boolean repeatable() {
        return true;
    }

    /** A new, empty collector of the same kind, for a retried execution. */
    public abstract ResultCollector<T> fresh();

    /** Every row. */
    public static ResultCollector<List<Record>> rows() {
        return new AllRowsCollector<>((rows, status) -> rows);
    }

    /** The first row, or null when there is none. */
    public static ResultCollector<Record> firstRow() {
        return new FirstRow<>(row -> row);
    }

    /** One column of the first row, or null when there is no row. */
    public static <V> ResultCollector<V> value(int column) {
        return new FirstRow<>(row -> {
            @SuppressWarnings("unchecked")
            V value = (V) row.get(column);
            return value;
        });
    }

    /** Up to {@code maxRows} rows of a portal, and whether it has more. */
    public static ResultCollector<Chunk> chunk(int maxRows) {
        return new ChunkCollector(maxRows);
    }

    /** Rows fetched from a portal; {@code more} when the portal was suspended with rows left. */
    public record Chunk(List<Record> rows, boolean more) {
    }

    private static final class ChunkCollector extends ResultCollector<Chunk> {
        private final int maxRows;
        private final List<Record> rows = new ArrayList<>();
        private boolean more;

        ChunkCollector(int maxRows) {
            this.maxRows = maxRows;
        }

        @Override
        public boolean wantsRows() {
            return true;
        }

        @Override
        public int maxRows() {
            return maxRows;
        }

        @Override
        public void row(Record row) {
            rows.add(row);
        }

        @Override
        public void portalSuspended() {
            more = true;
        }

        @Override
        public Chunk result(String status) {
            return new Chunk(rows, more);
        }

        @Override
        public ResultCollector<Chunk> fresh() {
            return new ChunkCollector(maxRows);
        }
    }

    /** The command status such as {@code INSERT 0 1}; rows are skipped. */
    public static ResultCollector<String> status() {
        return new ResultCollector<>() {
            @Override
            public boolean wantsRows() {
                return false;
            }

            @Override
            public String result(String status) {
                return status;
            }

            @Override
            public ResultCollector<String> fresh() {
                return status();
            }
        };
    }

    private static final class FirstRow<T> extends ResultCollector<T> {
        private final java.util.function.Function<Record, T> extract;
        private Record first;

        FirstRow(java.util.function.Function<Record, T> extract) {
            this.extract = extract;
        }

        @Override
        public boolean wantsRows() {
            return true;
        }

        @Override
        public int maxRows() {
            return 1;
        }

        @Override
        public void row(Record row) {
            if (first == null) {
                first = row;
            }
        }

        @Override
        public T result(String status) {
            return first == null ? null : extract.apply(first);
        }

        @Override
        public ResultCollector<T> fresh() {
            return new FirstRow<>(extract);
        }
    }
}
