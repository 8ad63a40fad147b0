package dev.tusk.internal.codec;

import dev.tusk.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog query that describes types Tusk has no built-in codec for (extension, enum,
 * composite, domain, range and array types), and the reading of its rows into {@link TypeInfo}s.
 *
 * <p>{@link #QUERY} takes one parameter, {@code $1::oid[]}, the types wanted, and returns them
 * together with every type they are made of, recursively: array elements, domain base types,
 * range subtypes, the ranges of multiranges and composite attributes. It reads only columns that
 * exist on PostgreSQL 12 to 18: {@code pg_range.rngmultitypid} (14+) is read through
 * {@code to_jsonb}, which yields NULL where the column does not exist.
 */
public final class TypeIntrospection {

    /** The introspection query; one row per type, columns as read by {@link #fromRows}. */
    public static final String QUERY =
            "WITH RECURSIVE tree(oid, depth) AS (\n" +
            "    SELECT requested.oid, 0 FROM unnest($1::oid[]) AS requested(oid)\n" +
            "  UNION ALL\n" +
            "    SELECT dependency.oid, tree.depth + 1\n" +
            "    FROM tree\n" +
            "    JOIN pg_catalog.pg_type t ON t.oid = tree.oid\n" +
            "    CROSS JOIN LATERAL unnest(\n" +
            "        ARRAY[\n" +
            "            CASE WHEN t.typlen = -1 AND t.typelem <> 0 THEN t.typelem END,\n" +
            "            CASE WHEN t.typtype = 'd' THEN t.typbasetype END,\n" +
            "            (SELECT r.rngsubtype FROM pg_catalog.pg_range r WHERE r.rngtypid = t.oid),\n" +
            "            (SELECT r.rngtypid FROM pg_catalog.pg_range r\n" +
            "             WHERE (pg_catalog.to_jsonb(r) ->> 'rngmultitypid')::oid = t.oid)\n" +
            "        ]\n" +
            "        || ARRAY(SELECT a.atttypid FROM pg_catalog.pg_attribute a\n" +
            "                 WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)\n" +
            "    ) AS dependency(oid)\n" +
            "    WHERE dependency.oid IS NOT NULL AND tree.depth < 32\n" +
            ")\n" +
            "SELECT t.oid,\n" +
            "       t.typname::text AS name,\n" +
            "       n.nspname::text AS schema,\n" +
            "       t.typtype::text AS typtype,\n" +
            "       CASE WHEN t.typlen = -1 AND t.typelem <> 0 THEN t.typelem ELSE 0 END::oid AS element_oid,\n" +
            "       t.typbasetype AS base_type_oid,\n" +
            "       COALESCE((SELECT r.rngsubtype FROM pg_catalog.pg_range r WHERE r.rngtypid = t.oid), 0)::oid AS range_subtype,\n" +
            "       COALESCE((SELECT r.rngtypid FROM pg_catalog.pg_range r\n" +
            "                 WHERE (pg_catalog.to_jsonb(r) ->> 'rngmultitypid')::oid = t.oid), 0)::oid AS multirange_range,\n" +
            "       COALESCE((SELECT p.proname::text FROM pg_catalog.pg_proc p WHERE p.oid = t.typsend), '-') AS send_function,\n" +
            "       ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a\n" +
            "             WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped\n" +
            "             ORDER BY a.attnum) AS attribute_names,\n" +
            "       ARRAY(SELECT a.atttypid FROM pg_catalog.pg_attribute a\n" +
            "             WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped\n" +
            "             ORDER BY a.attnum) AS attribute_oids\n" +
            "FROM pg_catalog.pg_type t\n" +
            "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace\n" +
            "WHERE t.oid IN (SELECT tree.oid FROM tree)\n" +
            "ORDER BY t.oid";

    /**
     * Looks a type up by name and schema ({@code $1::text}, {@code $2::text}); one row with its oid,
     * or none. In {@code pg_catalog}, SQL's names for built-in types ({@code integer}, {@code double
     * precision}, {@code timestamp with time zone}, ..., in any case) name them too, as in asyncpg;
     * a type whose own name is {@code $1} comes first.
     */
    public static final String OID_BY_NAME_QUERY = "SELECT t.oid, t.typtype FROM pg_catalog.pg_type t"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE n.nspname = $2::text AND t.typname IN ($1::text::name,"
            + " (CASE WHEN $2::text = 'pg_catalog' THEN CASE lower($1::text)"
            + " WHEN 'smallint' THEN 'int2' WHEN 'int' THEN 'int4' WHEN 'integer' THEN 'int4' WHEN 'bigint' THEN 'int8'"
            + " WHEN 'decimal' THEN 'numeric' WHEN 'real' THEN 'float4' WHEN 'float' THEN 'float8'"
            + " WHEN 'double precision' THEN 'float8' WHEN 'boolean' THEN 'bool' WHEN 'character' THEN 'bpchar'"
            + " WHEN 'character varying' THEN 'varchar' WHEN 'bit varying' THEN 'varbit'"
            + " WHEN 'timestamp with time zone' THEN 'timestamptz' WHEN 'timestamp with timezone' THEN 'timestamptz'"
            + " WHEN 'timestamp without time zone' THEN 'timestamp' WHEN 'timestamp without timezone' THEN 'timestamp'"
            + " WHEN 'time with time zone' THEN 'timetz' WHEN 'time with timezone' THEN 'timetz'"
            + " WHEN 'time without time zone' THEN 'time' WHEN 'time without timezone' THEN 'time'"
            + " END END)::name)"
            + " ORDER BY t.typname = $1::text::name DESC LIMIT 1";

    private TypeIntrospection() {
    }

    /**
     * The types described by the rows of {@link #QUERY}.
     *
     * @throws IllegalArgumentException when a row lacks a column or holds a value of the wrong type
     */
    public static List<TypeInfo> fromRows(List<? extends Record> rows) {
        List<TypeInfo> types = new ArrayList<>(rows.size());
        for (Record row : rows) {
            types.add(new TypeInfo(
                    oid(row.get("oid")),
                    (String) row.get("name"),
                    (String) row.get("schema"),
                    kind((String) row.get("typtype"), oid(row.get("element_oid"))),
                    oid(row.get("element_oid")),
                    oid(row.get("base_type_oid")),
                    oid(row.get("range_subtype")),
                    oid(row.get("multirange_range")),
                    (String) row.get("send_function"),
                    strings(row.get("attribute_names")),
                    oids(row.get("attribute_oids"))));
        }
        return types;
    }

    /** The kind for {@code pg_type.typtype}; a base type with an element type is an array. */
    static TypeInfo.Kind kind(String typtype, int elementOid) {
        switch (typtype) {
            case "b":
                return elementOid != 0 ? TypeInfo.Kind.ARRAY : TypeInfo.Kind.BASE;
            case "c":
                return TypeInfo.Kind.COMPOSITE;
            case "d":
                return TypeInfo.Kind.DOMAIN;
            case "e":
                return TypeInfo.Kind.ENUM;
            case "p":
                return TypeInfo.Kind.PSEUDO;
            case "r":
                return TypeInfo.Kind.RANGE;
            case "m":
                return TypeInfo.Kind.MULTIRANGE;
            default:
                throw new IllegalArgumentException("unknown pg_type.typtype: " + typtype);
        }
    }

    private static int oid(Object value) {
        if (!(value instanceof Number)) {
            throw new IllegalArgumentException("expected an oid, got " + EncodeException.describeJavaType(value));
        }
        return (int) ((Number) value).longValue();
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        for (Object item : list(value)) {
            strings.add((String) item);
        }
        return strings;
    }

    private static List<Integer> oids(Object value) {
        List<Integer> oids = new ArrayList<>();
        for (Object item : list(value)) {
            oids.add(oid(item));
        }
        return oids;
    }

    private static List<?> list(Object value) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("expected an array, got " + EncodeException.describeJavaType(value));
        }
        return (List<?>) value;
    }
}
