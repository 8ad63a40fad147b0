package dev.tusk.types;

import java.util.Arrays;

/**
 * A PostgreSQL {@code bit(n)} or {@code bit varying} value: a sequence of bits of any length, as
 * asyncpg's {@code BitString}. Bits are numbered from 0, the leftmost in the text form.
 */
public final class BitString {

    private final byte[] bytes;
    private final int length;

    private BitString(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /**
     * Parses a string of {@code '0'} and {@code '1'} characters, as PostgreSQL prints one.
     *
     * @throws IllegalArgumentException on any other character
     */
    public static BitString of(String bits) {
        byte[] bytes = new byte[(bits.length() + 7) / 8];
        for (int i = 0; i < bits.length(); i++) {
            char c = bits.charAt(i);
            if (c == '1') {
                bytes[i / 8] |= (byte) (0x80 >>> (i % 8));
            } else if (c != '0') {
                throw new IllegalArgumentException("bit string character " + i + ": '" + c + "' (expected: 0 or 1)");
            }
        }
        return new BitString(bytes, bits.length());
    }

    /**
     * The first {@code length} bits of {@code bytes}, most significant bit first; bits past
     * {@code length} in the last byte are ignored.
     *
     * @throws IllegalArgumentException when {@code bytes} holds fewer than {@code length} bits
     */
    public static BitString fromBytes(byte[] bytes, int length) {
        if (length < 0 || (long) bytes.length * 8 < length) {
            throw new IllegalArgumentException("bit string length " + length + " does not fit " + bytes.length + " bytes");
        }
        byte[] copy = Arrays.copyOf(bytes, (length + 7) / 8);
        if (length % 8 != 0) {
            copy[copy.length - 1] &= (byte) (0xFF << (8 - length % 8));
        }
        return new BitString(copy, length);
    }

    /** The number of bits. */
    public int length() {
        return length;
    }

    /** The bit at {@code index}, counted from the left. */
    public boolean get(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("bit " + index + " of a bit string of length " + length);
        }
        return (bytes[index / 8] & (0x80 >>> (index % 8))) != 0;
    }

    /** The bits packed most significant first, the last byte padded with zero bits; a copy. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BitString && ((BitString) other).length == length
                && Arrays.equals(((BitString) other).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * length + Arrays.hashCode(bytes);
    }

    /** The bits as {@code '0'} and {@code '1'} characters, as PostgreSQL prints them. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(get(i) ? '1' : '0');
        }
        return text.toString();
    }
}
