package dev.tusk.r2dbc;

import dev.tusk.Column;
import dev.tusk.Record;
import java.util.List;

/**
 * The metadata of the rows of one result, made once: Tusk's rows share the list of their columns
 * ({@link Record#columns()}), so a new list means new metadata. For serialized signals only.
 */
final class RowMetadataCache {

    private List<Column> columns;
    private TuskRowMetadata metadata;

    TuskRowMetadata of(Record row) {
        List<Column> described = row.columns();
        if (described != columns) {
            metadata = TuskRowMetadata.of(described);
            columns = described;
        }
        return metadata;
    }
}
