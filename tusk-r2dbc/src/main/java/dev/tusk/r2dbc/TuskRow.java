package dev.tusk.r2dbc;

import dev.tusk.Record;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;

/** One row of a result, over a Tusk {@link Record}; also the row's result segment. */
final class TuskRow implements Row, Result.RowSegment {

    private final Record record;
    private final TuskRowMetadata metadata;

    TuskRow(Record record, TuskRowMetadata metadata) {
        this.record = record;
        this.metadata = metadata;
    }

    /** The value of column {@code index} (from 0) as {@code type}. */
    @Override
    public <T> T get(int index, Class<T> type) {
        return ValueReader.read(record, index, type, metadata);
    }

    /** The value of the column named {@code name} (ignoring case) as {@code type}. */
    @Override
    public <T> T get(String name, Class<T> type) {
        return ValueReader.read(record, metadata.requireIndex(name), type, metadata);
    }

    /** The result's columns. */
    @Override
    public RowMetadata getMetadata() {
        return metadata;
    }

    /** This row. */
    @Override
    public Row row() {
        return this;
    }

    @Override
    public String toString() {
        return "Row" + record.values();
    }
}
