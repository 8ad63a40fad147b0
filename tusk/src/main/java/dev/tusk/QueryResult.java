package dev.tusk;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Everything one statement produced: its rows, its columns (known even when there are no rows)
 * and its command status, as returned by {@link Connection#fetchResult(String, Object...)}.
 *
 * <pre>{@code
 * QueryResult result = conn.fetchResult("UPDATE users SET active = false WHERE seen < $1 RETURNING id", cutoff).join();
 * result.status();     // "UPDATE 3"
 * result.rowCount();   // OptionalLong[3]
 * result.rows();       // the three returned rows
 * }</pre>
 *
 * @param rows    the rows, in order; empty for a statement that returns none
 * @param columns the result's columns; empty for a statement that returns no rows (an UPDATE
 *                without RETURNING, a DDL statement)
 * @param status  the command status (CommandComplete tag), e.g. {@code "INSERT 0 1"} or
 *                {@code "CREATE TABLE"}; empty for an empty query
 */
public record QueryResult(List<Record> rows, List<Column> columns, String status) {

    /** Keeps unmodifiable views of the lists. */
    public QueryResult {
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
    }

    /**
     * The number of rows the statement inserted, updated, deleted, merged, selected, fetched,
     * moved or copied, read from the command status ({@code INSERT 0 5} → 5, {@code SELECT 2} → 2);
     * empty for a status without a count, such as {@code CREATE TABLE}.
     */
    public OptionalLong rowCount() {
        return rowCount(status);
    }

    /**
     * The row count carried by a command status, as {@link #rowCount()}; empty when {@code status}
     * is null or has none.
     */
    public static OptionalLong rowCount(String status) {
        if (status == null) {
            return OptionalLong.empty();
        }
        int space = status.indexOf(' ');
        if (space < 0) {
            return OptionalLong.empty();
        }
        switch (status.substring(0, space).toUpperCase(Locale.ROOT)) {
            case "INSERT":
            case "UPDATE":
            case "DELETE":
            case "MERGE":
            case "SELECT":
            case "FETCH":
            case "MOVE":
            case "COPY":
                break;
            default:
                return OptionalLong.empty();
        }
        String count = status.substring(status.lastIndexOf(' ') + 1);
        // 18 digits always fit a long; no table holds 10^18 rows
        if (count.isEmpty() || count.length() > 18) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < count.length(); i++) {
            if (count.charAt(i) < '0' || count.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(count));
    }
}
