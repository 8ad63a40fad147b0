package dev.tusk.types;

/**
 * A column of a statement's result, as asyncpg's {@code Attribute}.
 *
 * @param name the column name
 * @param type the column's type
 */
public record Attribute(String name, Type type) {
}
