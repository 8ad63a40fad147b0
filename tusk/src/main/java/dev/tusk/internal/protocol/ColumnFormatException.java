package dev.tusk.internal.protocol;

/**
 * A portal's column arrives in a format Tusk cannot read: binary, for a type Tusk reads only as
 * text. Happens only when a statement's result types change between its description and its
 * execution.
 */
public final class ColumnFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ColumnFormatException(String message) {
        super(message);
    }
}
