package dev.tusk.r2dbc;

import dev.tusk.Column;
import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Type;
import java.nio.ByteBuffer;
import java.util.List;
import java.lang.reflect.Array;

/**
 * One result column: its name, its PostgreSQL type ({@link #getType()}, named as in
 * {@code pg_type}), the Java type {@code Row.get(index)} returns and, as native type metadata,
 * the type's OID. Nullability is unknown: PostgreSQL does not describe it.
 */
final class TuskColumnMetadata implements ColumnMetadata {

    private final String name;
    private final long typeOid;
    private final TuskType type;

    /**
     * @param javaType    the class Tusk decodes the column's values to
     * @param elementType for an array column, the class of its elements; null otherwise
     */
    TuskColumnMetadata(String name, long typeOid, String typeName, Class<?> javaType, Class<?> elementType) {
        this.name = name;
        this.typeOid = typeOid;
        this.type = new TuskType(typeName != null ? typeName : "oid " + typeOid, javaTypeSeenByR2dbc(javaType, elementType));
    }

    /** The column Tusk described. */
    static TuskColumnMetadata of(Column column) {
        return new TuskColumnMetadata(column.name(), column.typeOid(), column.typeName(), column.javaType(),
                column.elementType());
    }

    /**
     * R2DBC reads bytea as a ByteBuffer and arrays as Java arrays of their elements' type
     * ({@code Integer[]}); other types as Tusk decodes them.
     */
    static Class<?> javaTypeSeenByR2dbc(Class<?> tuskType, Class<?> elementType) {
        if (tuskType == byte[].class) {
            return ByteBuffer.class;
        }
        if (tuskType == List.class) {
            Class<?> element = elementType == null ? Object.class : javaTypeSeenByR2dbc(elementType, null);
            return element.isArray() && element != byte[].class ? element : Array.newInstance(element, 0).getClass();
        }
        return tuskType;
    }

    /** The column's name. */
    @Override
    public String getName() {
        return name;
    }

    /** The column's PostgreSQL type. */
    @Override
    public Type getType() {
        return type;
    }

    /** The Java type {@code Row.get(index)} returns for this column. */
    @Override
    public Class<?> getJavaType() {
        return type.getJavaType();
    }

    /** The OID of the column's type, as a {@code Long}. */
    @Override
    public Object getNativeTypeMetadata() {
        return typeOid;
    }

    @Override
    public String toString() {
        return name + " " + type.getName();
    }
}
