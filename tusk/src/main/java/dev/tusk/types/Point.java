package dev.tusk.types;

/**
 * A PostgreSQL {@code point}, as asyncpg's {@code Point}.
 *
 * @param x the x coordinate
 * @param y the y coordinate
 */
public record Point(double x, double y) {

    /** PostgreSQL's text form, {@code (x,y)}. */
    @Override
    public String toString() {
        return "(" + x + "," + y + ")";
    }
}
