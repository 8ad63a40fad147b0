package dev.tusk.internal.row;

import dev.tusk.Column;
import dev.tusk.internal.codec.ArrayElements;
import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.protocol.RowDescription;
import java.util.ArrayList;
import java.util.List;

/** The public description of a result's columns, built from its RowDescription. */
public final class Columns {

    private Columns() {
    }

    /** One {@link Column} per described column; empty when {@code description} is null (no rows). */
    public static List<Column> of(RowDescription description) {
        if (description == null) {
            return List.of();
        }
        List<Column> columns = new ArrayList<>(description.size());
        for (int i = 0; i < description.size(); i++) {
            Codec codec = description.codec(i);
            columns.add(new Column(description.name(i), Integer.toUnsignedLong(description.typeOid(i)),
                    codec == null ? null : codec.typeName(), codec == null ? String.class : codec.javaType(),
                    ArrayElements.javaType(codec)));
        }
        return columns;
    }
}
