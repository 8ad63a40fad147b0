package dev.tusk.bench;

/**
 * Turns a value read from a row into an int that the client adds to a field, so that the JIT
 * cannot drop the reading, at a cost that does not dwarf the reading: a string's length rather
 * than its hash (which walks every character), other objects' hash codes.
 */
final class Consume {

    private Consume() {
    }

    static int value(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String) {
            return ((String) value).length();
        }
        return value.hashCode();
    }

    static int value(String value) {
        return value.length();
    }
}
