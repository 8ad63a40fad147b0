package dev.tusk.exceptions;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields of an ErrorResponse or NoticeResponse, keyed by the protocol's one-byte field codes
 * (see "Error and Notice Message Fields" in the PostgreSQL protocol documentation). Immutable.
 *
 * <p>The server decides which fields it sends; every getter returns {@code null} (or {@code 0} for
 * positions) when its field is absent.
 */
public final class ErrorFields implements Serializable {

    /** The documented field codes in the order the server usually sends them, for {@link #toString()}. */
    private static final String KNOWN_CODES = "SVCMDHPpqWstcdnFLR";

    private final Map<Character, String> fields;

    private ErrorFields(Map<Character, String> fields) {
        this.fields = fields;
    }

    /**
     * Fields from a map of field code to value; the map is copied. Codes the protocol does not
     * document are kept too. Throws {@code NullPointerException} for a null map, code or value.
     */
    public static ErrorFields of(Map<Character, String> fields) {
        return new ErrorFields(Map.copyOf(fields));
    }

    /** The value of the field with this one-byte code (e.g. {@code 'C'}), or null when it was not sent. */
    public String get(char code) {
        return fields.get(code);
    }

    /** Every field received, keyed by field code; unmodifiable. */
    public Map<Character, String> asMap() {
        return fields;
    }

    /** Field {@code S}: the severity, possibly localized ({@code ERROR}, {@code FATAL}, ...), or null. */
    public String severity() {
        return fields.get('S');
    }

    /** Field {@code V}: the severity, never localized (sent by PostgreSQL 9.6 and later), or null. */
    public String severityNonLocalized() {
        return fields.get('V');
    }

    /** Field {@code C}: the SQLSTATE, e.g. {@code 23505}, or null. */
    public String sqlState() {
        return fields.get('C');
    }

    /** Field {@code M}: the primary message, or null. */
    public String message() {
        return fields.get('M');
    }

    /** Field {@code D}: the detail message, or null. */
    public String detail() {
        return fields.get('D');
    }

    /** Field {@code H}: the hint, or null. */
    public String hint() {
        return fields.get('H');
    }

    /** Field {@code P}: the 1-based character position of the error in the query text, or 0 when absent. */
    public int position() {
        return positiveInt(fields.get('P'));
    }

    /** Field {@code p}: the position of the error in {@link #internalQuery()}, or 0 when absent. */
    public int internalPosition() {
        return positiveInt(fields.get('p'));
    }

    /** Field {@code q}: the text of an internally generated query that failed, or null. */
    public String internalQuery() {
        return fields.get('q');
    }

    /** Field {@code W}: the context, a call stack of PL functions and internal queries, or null. */
    public String where() {
        return fields.get('W');
    }

    /** Field {@code s}: the name of the schema of the object involved, or null. */
    public String schemaName() {
        return fields.get('s');
    }

    /** Field {@code t}: the name of the table involved, or null. */
    public String tableName() {
        return fields.get('t');
    }

    /** Field {@code c}: the name of the column involved, or null. */
    public String columnName() {
        return fields.get('c');
    }

    /** Field {@code d}: the name of the data type involved, or null. */
    public String dataTypeName() {
        return fields.get('d');
    }

    /** Field {@code n}: the name of the constraint involved, or null. */
    public String constraintName() {
        return fields.get('n');
    }

    /** Field {@code F}: the server source file that reported the error, or null. */
    public String file() {
        return fields.get('F');
    }

    /** Field {@code L}: the line in {@link #file()}, as sent, or null. */
    public String line() {
        return fields.get('L');
    }

    /** Field {@code R}: the server source routine that reported the error, or null. */
    public String routine() {
        return fields.get('R');
    }

    /**
     * Parses a position field. The value comes from the wire, so anything but a positive decimal
     * integer reads as absent rather than failing the getter.
     */
    private static int positiveInt(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        long result = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            result = result * 10 + (c - '0');
            if (result > Integer.MAX_VALUE) {
                return 0;
            }
        }
        return (int) result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ErrorFields && fields.equals(((ErrorFields) other).fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** Lists the fields as {@code code=value}, documented codes in protocol order, then any others. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ErrorFields{");
        for (int i = 0; i < KNOWN_CODES.length(); i++) {
            append(text, KNOWN_CODES.charAt(i), fields.get(KNOWN_CODES.charAt(i)));
        }
        for (Map.Entry<Character, String> field : new TreeMap<>(fields).entrySet()) {
            if (KNOWN_CODES.indexOf(field.getKey()) < 0) {
                append(text, field.getKey(), field.getValue());
            }
        }
        return text.append('}').toString();
    }

    private static void append(StringBuilder text, char code, String value) {
        if (value == null) {
            return;
        }
        if (text.charAt(text.length() - 1) != '{') {
            text.append(", ");
        }
        text.append(code).append('=').append(value);
    }
}
