package dev.tusk.types;

import java.util.Objects;

/**
 * A PostgreSQL {@code lseg}: the segment between two points, as asyncpg's {@code LineSegment}.
 *
 * @param p1 the first end point
 * @param p2 the second end point
 */
public record LineSegment(Point p1, Point p2) {

    /** Checks that both points are given. */
    public LineSegment {
        Objects.requireNonNull(p1, "p1");
        Objects.requireNonNull(p2, "p2");
    }

    /** PostgreSQL's text form, {@code [(x1,y1),(x2,y2)]}. */
    @Override
    public String toString() {
        return "[" + p1 + "," + p2 + "]";
    }
}
