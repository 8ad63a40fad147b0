package dev.tusk.types;

/**
 * A PostgreSQL data type, as asyncpg's {@code Type}.
 *
 * @param oid    the type's OID
 * @param name   its name, e.g. {@code int4} or {@code _text}
 * @param kind   {@code scalar}, {@code array}, {@code composite}, {@code domain}, {@code enum},
 *               {@code range}, {@code multirange} or {@code pseudo}
 * @param schema the schema it belongs to, e.g. {@code pg_catalog}
 */
public record Type(long oid, String name, String kind, String schema) {
}
