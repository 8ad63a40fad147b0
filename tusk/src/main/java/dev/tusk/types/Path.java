package dev.tusk.types;

import java.util.List;

/**
 * A PostgreSQL {@code path}: points joined in order, closed (a loop) or open, as asyncpg's
 * {@code Path}.
 *
 * @param points the points, at least one
 * @param closed whether the last point joins the first
 */
public record Path(List<Point> points, boolean closed) {

    /** Copies the points into an unmodifiable list; they must not be null. */
    public Path {
        points = List.copyOf(points);
    }

    /** PostgreSQL's text form: {@code ((x,y),...)} when closed, {@code [(x,y),...]} when open. */
    @Override
    public String toString() {
        String joined = points.toString().replace(", ", ",");
        String inner = joined.substring(1, joined.length() - 1);
        return closed ? "(" + inner + ")" : "[" + inner + "]";
    }
}
