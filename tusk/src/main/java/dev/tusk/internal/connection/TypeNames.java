package dev.tusk.internal.connection;

import dev.tusk.Record;
import dev.tusk.types.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;

/** Looks up the names, kinds and schemas of type OIDs in pg_type. */
final class TypeNames {

    private static final String QUERY = "SELECT t.oid::int8, t.typname::text, t.typtype::text, t.typcategory::text, "
            + "n.nspname::text FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
            + "WHERE t.oid = ANY(string_to_array($1::text, ',')::oid[])";

    private TypeNames() {
    }

    static CompletableFuture<Map<Integer, Type>> lookup(PgConnection connection, List<Integer> oids) {
        if (oids.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        StringJoiner list = new StringJoiner(",");
        for (int oid : oids) {
            list.add(Integer.toUnsignedString(oid));
        }
        return connection.fetch(QUERY, list.toString()).thenApply(rows -> {
            Map<Integer, Type> types = new HashMap<>();
            for (Record row : rows) {
                long oid = row.getLong(0);
                types.put((int) oid, new Type(oid, row.getString(1), kind(row.getString(2), row.getString(3)),
                        row.getString(4)));
            }
            return types;
        });
    }

    private static String kind(String typtype, String category) {
        switch (typtype) {
            case "b":
                return "A".equals(category) ? "array" : "scalar";
            case "c":
                return "composite";
            case "d":
                return "domain";
            case "e":
                return "enum";
            case "r":
                return "range";
            case "m":
                return "multirange";
            default:
                return "pseudo";
        }
    }
}
