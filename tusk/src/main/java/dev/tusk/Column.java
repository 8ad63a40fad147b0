package dev.tusk;

/**
 * A column of a query's result as the server described it: its name and type, and the Java type
 * Tusk decodes its values to.
 *
 * <pre>{@code
 * QueryResult result = conn.fetchResult("SELECT id, name FROM users").join();
 * result.columns();   // [Column[name=id, typeOid=23, typeName=int4, javaType=class java.lang.Integer, elementType=null], ...]
 * }</pre>
 *
 * @param name     the column's name (its alias, or {@code ?column?} for an unnamed expression)
 * @param typeOid  the OID of the column's type
 * @param typeName PostgreSQL's name for the type, e.g. {@code int4} or {@code _text}; null when
 *                 Tusk has no codec for the type and reads its values as text
 * @param javaType the class of the values {@link Record#get(int)} returns for this column
 *                 ({@code List} for an array)
 * @param elementType for an array column, the class of its elements (e.g. {@code Integer} for
 *                 {@code int4[]}); null for other columns
 */
public record Column(String name, long typeOid, String typeName, Class<?> javaType, Class<?> elementType) {
}
