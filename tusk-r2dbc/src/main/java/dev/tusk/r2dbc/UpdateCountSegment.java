package dev.tusk.r2dbc;

import io.r2dbc.spi.Result;

/** The row count of a statement's command status, as a result segment. */
final class UpdateCountSegment implements Result.UpdateCount {

    private final long value;

    UpdateCountSegment(long value) {
        this.value = value;
    }

    /** The number of rows the statement affected or returned. */
    @Override
    public long value() {
        return value;
    }

    @Override
    public String toString() {
        return "UpdateCount[" + value + "]";
    }
}
