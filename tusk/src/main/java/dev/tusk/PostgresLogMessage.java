package dev.tusk;

import dev.tusk.exceptions.ErrorFields;

/**
 * A notice or warning sent by the server (asyncpg's {@code PostgresLogMessage}), with every field
 * of the NoticeResponse.
 */
public final class PostgresLogMessage {

    private final ErrorFields fields;

    public PostgresLogMessage(ErrorFields fields) {
        this.fields = fields;
    }

    /** The severity as sent (possibly localized): NOTICE, WARNING, INFO, LOG, DEBUG. */
    public String getSeverity() {
        return fields.severity();
    }

    /** The severity in English, never localized (PostgreSQL 9.6+). */
    public String getSeverityNonLocalized() {
        return fields.severityNonLocalized();
    }

    public String getSqlState() {
        return fields.sqlState();
    }

    public String getMessage() {
        return fields.message();
    }

    public String getDetail() {
        return fields.detail();
    }

    public String getHint() {
        return fields.hint();
    }

    /** Where it was raised, e.g. the PL/pgSQL function and line. */
    public String getWhere() {
        return fields.where();
    }

    /** Every field, keyed by its protocol code. */
    public ErrorFields getFields() {
        return fields;
    }

    @Override
    public String toString() {
        return getSeverity() + ": " + getMessage() + (getSqlState() != null ? " (SQLSTATE " + getSqlState() + ")" : "");
    }
}
