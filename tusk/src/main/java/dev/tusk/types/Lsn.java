package dev.tusk.types;

/**
 * A PostgreSQL {@code pg_lsn}: a position in the write-ahead log, an unsigned 64-bit byte
 * offset. Ordered as unsigned numbers.
 *
 * @param value the position, read as an unsigned 64-bit number
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /** The invalid position {@code 0/0}. */
    public static final Lsn INVALID = new Lsn(0);

    /**
     * Parses PostgreSQL's text form, two hexadecimal numbers of up to 8 digits each: {@code 16/B374D848}.
     *
     * @throws IllegalArgumentException when {@code text} is not of that form
     */
    public static Lsn parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1 || slash > 8 || text.length() - slash - 1 < 1 || text.length() - slash - 1 > 8) {
            throw new IllegalArgumentException("not a pg_lsn (expected: XXXXXXXX/XXXXXXXX): " + text);
        }
        try {
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            return new Lsn(high << 32 | low);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a pg_lsn (expected: XXXXXXXX/XXXXXXXX): " + text, e);
        }
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** PostgreSQL's text form, e.g. {@code 16/B374D848}. */
    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFF_FFFFL).toUpperCase();
    }
}
