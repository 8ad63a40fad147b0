package dev.tusk.internal.connection;

/** Quoting of SQL identifiers that Tusk itself writes (channel names, savepoints, cursors). */
public final class Identifiers {

    private Identifiers() {
    }

    /** {@code name} as a quoted identifier: double quotes around it, inner double quotes doubled. */
    public static String quote(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier must not contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
