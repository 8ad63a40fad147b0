package dev.tusk.types;

import java.util.Objects;

/**
 * A PostgreSQL {@code box}, given by two opposite corners, as asyncpg's {@code Box}. The server
 * stores the upper right corner first and normalises any two corners into that order, so a box
 * read back from the server has {@code high.x >= low.x} and {@code high.y >= low.y}.
 *
 * @param high the upper right corner
 * @param low  the lower left corner
 */
public record Box(Point high, Point low) {

    /** Checks that both corners are given. */
    public Box {
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
    }

    /** PostgreSQL's text form, {@code (x1,y1),(x2,y2)}. */
    @Override
    public String toString() {
        return high + "," + low;
    }
}
