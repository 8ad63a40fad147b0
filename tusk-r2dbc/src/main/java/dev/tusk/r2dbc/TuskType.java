package dev.tusk.r2dbc;

import io.r2dbc.spi.Type;

/** A PostgreSQL type as R2DBC sees it: PostgreSQL's name for it and the Java type read for it. */
final class TuskType implements Type {

    private final String name;
    private final Class<?> javaType;

    TuskType(String name, Class<?> javaType) {
        this.name = name;
        this.javaType = javaType;
    }

    /** The Java type a column of this type is read as by default. */
    @Override
    public Class<?> getJavaType() {
        return javaType;
    }

    /** PostgreSQL's name for the type, e.g. {@code int4}. */
    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
