package dev.tusk.internal.row;

import dev.tusk.Column;
import dev.tusk.internal.protocol.RowDescription;
import java.util.List;

/** The public description of a result's columns. */
public final class Columns {

    private Columns() {
    }

    /** One {@link Column} per described column; empty when {@code description} is null (no rows). */
    public static List<Column> of(RowDescription description) {
        return description == null ? List.of() : description.columns();
    }
}
