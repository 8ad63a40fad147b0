package dev.tusk.types;

import java.util.List;

/**
 * A PostgreSQL {@code polygon}: its vertices in order, as asyncpg's {@code Polygon}.
 *
 * @param points the vertices, at least one
 */
public record Polygon(List<Point> points) {

    /** Copies the vertices into an unmodifiable list; they must not be null. */
    public Polygon {
        points = List.copyOf(points);
    }

    /** PostgreSQL's text form, {@code ((x,y),...)}. */
    @Override
    public String toString() {
        String joined = points.toString().replace(", ", ",");
        return "(" + joined.substring(1, joined.length() - 1) + ")";
    }
}
