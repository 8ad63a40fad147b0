package dev.tusk.types;

/**
 * A PostgreSQL {@code tid}: the physical location of a row version ({@code ctid}).
 *
 * @param block  the block number, an unsigned 32-bit value (0 to 4294967295)
 * @param offset the item's position within the block, an unsigned 16-bit value (0 to 65535)
 */
public record Tid(long block, int offset) {

    /** Checks both parts against their unsigned ranges. */
    public Tid {
        if (block < 0 || block > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("tid block: " + block + " (expected: 0..4294967295)");
        }
        if (offset < 0 || offset > 0xFFFF) {
            throw new IllegalArgumentException("tid offset: " + offset + " (expected: 0..65535)");
        }
    }

    /** PostgreSQL's text form, {@code (block,offset)}. */
    @Override
    public String toString() {
        return "(" + block + "," + offset + ")";
    }
}
