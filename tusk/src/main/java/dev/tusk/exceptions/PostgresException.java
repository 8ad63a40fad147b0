package dev.tusk.exceptions;

import java.util.Map;
import java.util.Objects;

/**
 * An error reported by the server in an ErrorResponse, or raised by Tusk on the server's behalf
 * (the connection dropped, the server broke the protocol). This is asyncpg's {@code PostgresError}.
 *
 * <p>Each SQLSTATE has a generated subclass that extends the exception of its class, e.g.
 * {@link UniqueViolationException} (23505) extends {@link IntegrityConstraintViolationException}
 * (23000); {@link PostgresExceptions#fromFields} picks it. The message reads like libpq's:
 * <pre>
 * ERROR: duplicate key value violates unique constraint "t_pkey" (SQLSTATE 23505)
 *   Detail: Key (id)=(1) already exists.
 * </pre>
 * The field getters return {@code null} (or {@code 0} for positions) when the server did not send
 * the field.
 */
public class PostgresException extends TuskException {

    private final ErrorFields fields;
    private final boolean clientSide;

    /** An error the server reported, from the fields of its ErrorResponse. */
    public PostgresException(ErrorFields fields) {
        this(Objects.requireNonNull(fields, "fields"), null, false);
    }

    /**
     * An error Tusk raises on the server's behalf, e.g. {@code 08006} when the connection drops or
     * {@code 08P01} when the server breaks the protocol. The severity is {@code FATAL} for class 08
     * (the connection is unusable) and {@code ERROR} otherwise; {@code cause} may be null.
     */
    public PostgresException(String sqlState, String message, Throwable cause) {
        this(clientFields(sqlState, message), cause, true);
    }

    private PostgresException(ErrorFields fields, Throwable cause, boolean clientSide) {
        super(render(fields), cause);
        this.fields = fields;
        this.clientSide = clientSide;
    }

    private static ErrorFields clientFields(String sqlState, String message) {
        if (sqlState == null || !sqlState.matches("[0-9A-Z]{5}")) {
            throw new IllegalArgumentException("SQLSTATE must be 5 digits or upper-case letters: " + sqlState);
        }
        Objects.requireNonNull(message, "message");
        String severity = sqlState.startsWith("08") ? "FATAL" : "ERROR";
        return ErrorFields.of(Map.of('S', severity, 'V', severity, 'C', sqlState, 'M', message));
    }

    private static String render(ErrorFields fields) {
        StringBuilder text = new StringBuilder();
        String severity = fields.severity() != null ? fields.severity() : fields.severityNonLocalized();
        if (severity != null) {
            text.append(severity).append(": ");
        }
        text.append(fields.message() != null ? fields.message() : "(the server sent no message)");
        if (fields.sqlState() != null) {
            text.append(" (SQLSTATE ").append(fields.sqlState()).append(')');
        }
        if (fields.detail() != null) {
            text.append("\n  Detail: ").append(fields.detail());
        }
        if (fields.hint() != null) {
            text.append("\n  Hint: ").append(fields.hint());
        }
        return text.toString();
    }

    /** True when Tusk raised this error on the server's behalf, false when the server reported it. */
    public boolean isClientSide() {
        return clientSide;
    }

    /** The SQLSTATE, e.g. {@code 23505}; null only if the server sent none. */
    public String getSqlState() {
        return fields.sqlState();
    }

    /** All fields of the error, including any this class has no getter for. */
    public ErrorFields getFields() {
        return fields;
    }

    /** The value of the field with this one-byte protocol code, or null. */
    public String get(char code) {
        return fields.get(code);
    }

    /** The severity, possibly localized: {@code ERROR}, {@code FATAL} or {@code PANIC}. */
    public String getSeverity() {
        return fields.severity();
    }

    /** The severity, never localized. */
    public String getSeverityNonLocalized() {
        return fields.severityNonLocalized();
    }


    /** The server's primary message, without severity, SQLSTATE, detail or hint. */
    public String getServerMessage() {
        return fields.message();
    }

    /** The detail message. */
    public String getDetail() {
        return fields.detail();
    }

    /** The hint. */
    public String getHint() {
        return fields.hint();
    }

    /** The 1-based character position of the error in the query text, or 0. */
    public int getPosition() {
        return fields.position();
    }

    /** The position of the error in {@link #internalQuery()}, or 0. */
    public int getInternalPosition() {
        return fields.internalPosition();
    }

    /** The text of an internally generated query that failed. */
    public String getInternalQuery() {
        return fields.internalQuery();
    }

    /** The context: a call stack of PL functions and internal queries. */
    public String getWhere() {
        return fields.where();
    }

    /** The schema of the object involved. */
    public String getSchemaName() {
        return fields.schemaName();
    }

    /** The table involved. */
    public String getTableName() {
        return fields.tableName();
    }

    /** The column involved. */
    public String getColumnName() {
        return fields.columnName();
    }

    /** The data type involved. */
    public String getDataTypeName() {
        return fields.dataTypeName();
    }

    /** The constraint involved. */
    public String getConstraintName() {
        return fields.constraintName();
    }

    /** The server source file that reported the error. */
    public String getFile() {
        return fields.file();
    }

    /** The line in {@link #file()}, as sent. */
    public String getLine() {
        return fields.line();
    }

    /** The server source routine that reported the error. */
    public String getRoutine() {
        return fields.routine();
    }
}
