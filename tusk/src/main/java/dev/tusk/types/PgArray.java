package dev.tusk.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A PostgreSQL array whose lower bounds are not all 1, such as {@code '[0:2]={a,b,c}'::text[]}.
 * Arrays whose lower bounds are all 1 (the usual case) are read as plain {@link List}s; this type
 * keeps the bounds when they differ, so nothing is lost, and can be sent as an argument to write
 * such an array.
 *
 * @param values      the elements, as nested lists for a multidimensional array (may hold nulls)
 * @param lowerBounds the lower bound of each dimension, outermost first
 */
public record PgArray(List<?> values, List<Integer> lowerBounds) {

    /** Copies both lists; there must be one lower bound per dimension of {@code values}. */
    public PgArray {
        values = Collections.unmodifiableList(new ArrayList<>(values));
        lowerBounds = List.copyOf(lowerBounds);
        if (lowerBounds.isEmpty() && !values.isEmpty()) {
            throw new IllegalArgumentException("a non-empty array needs at least one lower bound");
        }
    }

    /** A one-dimensional array whose first element has index {@code lowerBound}. */
    public static PgArray of(int lowerBound, List<?> values) {
        return new PgArray(values, List.of(lowerBound));
    }

    /** PostgreSQL's text form of the bounds followed by the values, e.g. {@code [0:2]=[a, b, c]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        List<?> level = values;
        for (int bound : lowerBounds) {
            int size = level.size();
            text.append('[').append(bound).append(':').append(bound + size - 1).append(']');
            level = size > 0 && level.get(0) instanceof List ? (List<?>) level.get(0) : List.of();
        }
        return text.append('=').append(values).toString();
    }
}
