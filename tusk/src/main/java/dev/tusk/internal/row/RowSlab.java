package dev.tusk.internal.row;

/**
 * Shared storage for the rows of one result: each DataRow's bytes and column offsets are copied
 * into the current chunk, so that a row costs one object ({@link DataRecord}) instead of three.
 * Chunks start at the first row's size (a one-row result wastes nothing) and grow fourfold up to
 * {@value #MAX_CHUNK} bytes; a row larger than that gets a chunk of its own. A row kept after its
 * result keeps its chunk alive, so chunks are per result, never per connection. Confined to the
 * connection's event loop.
 */
public final class RowSlab {

    static final int MAX_CHUNK = 64 * 1024;
    private static final byte[] NO_BYTES = new byte[0];
    private static final int[] NO_OFFSETS = new int[0];

    private byte[] bytes = NO_BYTES;
    private int bytesUsed;
    private int[] offsets = NO_OFFSETS;
    private int offsetsUsed;

    /** The chunk in which the next {@code size} bytes go, at {@link #bytesPosition()}. */
    byte[] bytesFor(int size) {
        if (bytes.length - bytesUsed < size) {
            bytes = new byte[Math.max(size, Math.min(MAX_CHUNK, bytes.length * 4))];
            bytesUsed = 0;
        }
        return bytes;
    }

    int bytesPosition() {
        return bytesUsed;
    }

    void bytesTaken(int size) {
        bytesUsed += size;
    }

    /** The chunk in which the next {@code count} offsets go, at {@link #offsetsPosition()}. */
    int[] offsetsFor(int count) {
        if (offsets.length - offsetsUsed < count) {
            offsets = new int[Math.max(count, Math.min(MAX_CHUNK / 4, offsets.length * 4))];
            offsetsUsed = 0;
        }
        return offsets;
    }

    int offsetsPosition() {
        return offsetsUsed;
    }

    void offsetsTaken(int count) {
        offsetsUsed += count;
    }
}
