package dev.tusk.r2dbc;

import dev.tusk.Column;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.RowMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The columns of a result, shared by all its rows. Lookup by name is case-insensitive, as the
 * R2DBC specification asks; with duplicate names the first column wins.
 */
final class TuskRowMetadata implements RowMetadata {

    private final List<TuskColumnMetadata> columns;
    private final List<String> foldedNames;

    TuskRowMetadata(List<TuskColumnMetadata> columns) {
        this.columns = List.copyOf(columns);
        List<String> folded = new ArrayList<>(columns.size());
        for (TuskColumnMetadata column : columns) {
            folded.add(column.getName().toLowerCase(Locale.ROOT));
        }
        this.foldedNames = folded;
    }

    /** The metadata of the columns Tusk described. */
    static TuskRowMetadata of(List<Column> described) {
        List<TuskColumnMetadata> columns = new ArrayList<>(described.size());
        for (Column column : described) {
            columns.add(TuskColumnMetadata.of(column));
        }
        return new TuskRowMetadata(columns);
    }

    /** The position of the column named {@code name}, ignoring case; -1 when there is none. */
    int indexOf(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).getName().equals(name)) {
                return i;
            }
        }
        return foldedNames.indexOf(name.toLowerCase(Locale.ROOT));
    }

    /** The position of the column named {@code name}, ignoring case. */
    int requireIndex(String name) {
        int index = indexOf(name);
        if (index < 0) {
            throw new NoSuchElementException("no column named \"" + name + "\"; the columns are " + names());
        }
        return index;
    }

    /** The number of columns. */
    int size() {
        return columns.size();
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (TuskColumnMetadata column : columns) {
            names.add(column.getName());
        }
        return names;
    }

    /** The column at {@code index} (from 0). */
    @Override
    public ColumnMetadata getColumnMetadata(int index) {
        if (index < 0 || index >= columns.size()) {
            throw new IndexOutOfBoundsException("column index " + index + " is out of range: the result has "
                    + columns.size() + " columns " + names());
        }
        return columns.get(index);
    }

    /** The column named {@code name}, ignoring case. */
    @Override
    public ColumnMetadata getColumnMetadata(String name) {
        return columns.get(requireIndex(name));
    }

    /** Every column, in order. */
    @Override
    public List<? extends ColumnMetadata> getColumnMetadatas() {
        return columns;
    }

    /** Whether a column has this name, ignoring case. */
    @Override
    public boolean contains(String columnName) {
        return indexOf(columnName) >= 0;
    }

    @Override
    public String toString() {
        return "RowMetadata" + columns;
    }
}
