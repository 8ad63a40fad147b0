package dev.tusk.types;

import java.util.List;

/**
 * A PostgreSQL multirange (PostgreSQL 14 and later): an ordered list of non-empty,
 * non-overlapping ranges. The server sorts and merges the ranges of a multirange it receives.
 *
 * @param ranges the ranges, in order
 * @param <T>    the type of the range bounds
 */
public record Multirange<T>(List<Range<T>> ranges) {

    /** Copies the ranges into an unmodifiable list; they must not be null. */
    public Multirange {
        ranges = List.copyOf(ranges);
    }

    /** A multirange of the given ranges. */
    @SafeVarargs
    public static <T> Multirange<T> of(Range<T>... ranges) {
        return new Multirange<>(List.of(ranges));
    }

    /** PostgreSQL's text form, <code>{[1,3),[5,7)}</code>. */
    @Override
    public String toString() {
        String joined = ranges.toString().replace(", ", ",");
        return "{" + joined.substring(1, joined.length() - 1) + "}";
    }
}
