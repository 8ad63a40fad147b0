package dev.tusk.types;

import java.util.Objects;

/**
 * A PostgreSQL {@code circle}, as asyncpg's {@code Circle}.
 *
 * @param center the centre
 * @param radius the radius; PostgreSQL refuses a negative one
 */
public record Circle(Point center, double radius) {

    /** Checks that the centre is given. */
    public Circle {
        Objects.requireNonNull(center, "center");
    }

    /** PostgreSQL's text form, {@code <(x,y),r>}. */
    @Override
    public String toString() {
        return "<" + center + "," + radius + ">";
    }
}
