package dev.tusk.types;

import java.util.Objects;

/**
 * A PostgreSQL range value, as asyncpg's {@code Range}: a lower and an upper bound, each inclusive
 * or exclusive, either of which may be infinite (null), or the empty range.
 *
 * <p>An infinite bound is never inclusive, as in PostgreSQL, so {@code Range.of(null, true, 5,
 * false)} equals {@code Range.of(null, 5)}. Ranges of discrete types come back from the server in
 * canonical form: {@code [1,5]} of {@code int4range} reads back as {@code [1,6)}. Equality compares
 * the bounds and flags as given, not the set of values: {@code [1,3)} and {@code [1,2]} differ.
 *
 * <p>{@link #contains}, {@link #isSubsetOf} and {@link #isSupersetOf} compare bounds with their
 * natural order and need bounds that are {@link Comparable} to one another.
 *
 * @param <T> the type of the bounds (Integer, Long, BigDecimal, LocalDate, LocalDateTime,
 *            OffsetDateTime, or a user-defined range's subtype)
 */
public final class Range<T> {

    private static final Range<?> EMPTY = new Range<>(null, false, null, false, true);

    private final T lower;
    private final boolean lowerInclusive;
    private final T upper;
    private final boolean upperInclusive;
    private final boolean empty;

    private Range(T lower, boolean lowerInclusive, T upper, boolean upperInclusive, boolean empty) {
        this.lower = lower;
        this.lowerInclusive = lower != null && lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upper != null && upperInclusive;
        this.empty = empty;
    }

    /** The empty range. */
    @SuppressWarnings("unchecked")
    public static <T> Range<T> empty() {
        return (Range<T>) EMPTY;
    }

    /** The range {@code [lower, upper)}, PostgreSQL's default form; a null bound is infinite. */
    public static <T> Range<T> of(T lower, T upper) {
        return new Range<>(lower, true, upper, false, false);
    }

    /** A range with the given bounds and inclusivity; a null bound is infinite. */
    public static <T> Range<T> of(T lower, boolean lowerInclusive, T upper, boolean upperInclusive) {
        return new Range<>(lower, lowerInclusive, upper, upperInclusive, false);
    }

    /** The lower bound, or null when it is infinite or the range is empty. */
    public T lower() {
        return lower;
    }

    /** The upper bound, or null when it is infinite or the range is empty. */
    public T upper() {
        return upper;
    }

    /** Whether the lower bound belongs to the range (false when it is infinite). */
    public boolean lowerInclusive() {
        return lowerInclusive;
    }

    /** Whether the upper bound belongs to the range (false when it is infinite). */
    public boolean upperInclusive() {
        return upperInclusive;
    }

    /** Whether the range has no lower bound (and is not empty). */
    public boolean lowerInfinite() {
        return !empty && lower == null;
    }

    /** Whether the range has no upper bound (and is not empty). */
    public boolean upperInfinite() {
        return !empty && upper == null;
    }

    /** Whether this is the empty range. */
    public boolean isEmpty() {
        return empty;
    }

    /** Whether {@code value} lies within this range. */
    public boolean contains(T value) {
        Objects.requireNonNull(value, "value");
        if (empty) {
            return false;
        }
        if (lower != null) {
            int c = compare(value, lower);
            if (c < 0 || (c == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null) {
            int c = compare(value, upper);
            return c < 0 || (c == 0 && upperInclusive);
        }
        return true;
    }

    /** Whether every value of this range lies in {@code other} (asyncpg's {@code issubset}). */
    public boolean isSubsetOf(Range<T> other) {
        if (empty) {
            return true;
        }
        if (other.empty) {
            return false;
        }
        return compareLower(other.lower, other.lowerInclusive, lower, lowerInclusive) <= 0
                && compareUpper(upper, upperInclusive, other.upper, other.upperInclusive) <= 0;
    }

    /** Whether every value of {@code other} lies in this range (asyncpg's {@code issuperset}). */
    public boolean isSupersetOf(Range<T> other) {
        return other.isSubsetOf(this);
    }

    /** Orders lower bounds: infinite first; at equal values an inclusive bound starts earlier. */
    private static <T> int compareLower(T a, boolean aInclusive, T b, boolean bInclusive) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int c = compare(a, b);
        if (c != 0) {
            return c;
        }
        return aInclusive == bInclusive ? 0 : (aInclusive ? -1 : 1);
    }

    /** Orders upper bounds: infinite last; at equal values an inclusive bound ends later. */
    private static <T> int compareUpper(T a, boolean aInclusive, T b, boolean bInclusive) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = compare(a, b);
        if (c != 0) {
            return c;
        }
        return aInclusive == bInclusive ? 0 : (aInclusive ? 1 : -1);
    }

    @SuppressWarnings("unchecked")
    private static <T> int compare(T a, T b) {
        if (!(a instanceof Comparable)) {
            throw new ClassCastException("range bounds of " + a.getClass().getName() + " are not Comparable");
        }
        return ((Comparable<T>) a).compareTo(b);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Range)) {
            return false;
        }
        Range<?> range = (Range<?>) other;
        return empty == range.empty && lowerInclusive == range.lowerInclusive && upperInclusive == range.upperInclusive
                && Objects.equals(lower, range.lower) && Objects.equals(upper, range.upper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lower, upper, lowerInclusive, upperInclusive, empty);
    }

    /** PostgreSQL's text form: {@code [1,5)}, {@code (,5]}, {@code empty}. */
    @Override
    public String toString() {
        if (empty) {
            return "empty";
        }
        return (lowerInclusive ? "[" : "(") + (lower == null ? "" : lower) + ","
                + (upper == null ? "" : upper) + (upperInclusive ? "]" : ")");
    }
}
