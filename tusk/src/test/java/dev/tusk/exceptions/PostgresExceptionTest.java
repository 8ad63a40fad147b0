package dev.tusk.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresExceptionTest {

    @Test
    void messageReadsLikeLibpqWithDetailAndHint() {
        PostgresException e = new PostgresException(ErrorFields.of(Map.of('S', "ERROR", 'C', "23505",
                'M', "duplicate key value violates unique constraint \"t_pkey\"",
                'D', "Key (id)=(1) already exists.", 'H', "Pick another id.")));

        assertThat(e.getMessage()).isEqualTo("ERROR: duplicate key value violates unique constraint \"t_pkey\""
                + " (SQLSTATE 23505)\n  Detail: Key (id)=(1) already exists.\n  Hint: Pick another id.");
    }

    @Test
    void messageWithoutDetailOrHintIsOneLine() {
        PostgresException e = new PostgresException(ErrorFields.of(Map.of('S', "ERROR", 'C', "42601",
                'M', "syntax error at or near \"SELEC\"")));

        assertThat(e.getMessage()).isEqualTo("ERROR: syntax error at or near \"SELEC\" (SQLSTATE 42601)");
    }

    @Test
    void messageFallsBackToTheNonLocalizedSeverityAndCopesWithMissingFields() {
        assertThat(new PostgresException(ErrorFields.of(Map.of('V', "FATAL", 'M', "bye"))).getMessage())
                .isEqualTo("FATAL: bye");
        assertThat(new PostgresException(ErrorFields.of(Map.of())).getMessage())
                .isEqualTo("(the server sent no message)");
    }

    @Test
    void everyGetterDelegatesToTheFields() {
        ErrorFields fields = ErrorFields.of(ErrorFieldsTest.allFields());
        PostgresException e = new PostgresException(fields);

        assertThat(e.getFields()).isSameAs(fields);
        assertThat(e.getSqlState()).isEqualTo("23505");
        assertThat(e.getSqlState()).isEqualTo("23505");
        assertThat(e.getSeverity()).isEqualTo("ERREUR");
        assertThat(e.getSeverityNonLocalized()).isEqualTo("ERROR");
        assertThat(e.getServerMessage()).isEqualTo(fields.message());
        assertThat(e.getDetail()).isEqualTo("Key (id)=(1) already exists.");
        assertThat(e.getHint()).isEqualTo("Use another id.");
        assertThat(e.getPosition()).isEqualTo(15);
        assertThat(e.getInternalPosition()).isEqualTo(7);
        assertThat(e.getInternalQuery()).isEqualTo("SELECT 1");
        assertThat(e.getWhere()).isEqualTo("PL/pgSQL function f() line 3");
        assertThat(e.getSchemaName()).isEqualTo("public");
        assertThat(e.getTableName()).isEqualTo("t");
        assertThat(e.getColumnName()).isEqualTo("id");
        assertThat(e.getDataTypeName()).isEqualTo("int4");
        assertThat(e.getConstraintName()).isEqualTo("t_pkey");
        assertThat(e.getFile()).isEqualTo("nbtinsert.c");
        assertThat(e.getLine()).isEqualTo("666");
        assertThat(e.getRoutine()).isEqualTo("_bt_check_unique");
        assertThat(e.get('n')).isEqualTo("t_pkey");
        assertThat(e.isClientSide()).isFalse();
        assertThat(e.getCause()).isNull();
    }

    @Test
    void clientSideConstructorSetsSqlStateSeverityAndCause() {
        IOException cause = new IOException("Connection reset by peer");
        PostgresException e = new PostgresException("22023", "invalid input for query argument $1", cause);

        assertThat(e.isClientSide()).isTrue();
        assertThat(e.getSqlState()).isEqualTo("22023");
        assertThat(e.getSeverity()).isEqualTo("ERROR");
        assertThat(e.getSeverityNonLocalized()).isEqualTo("ERROR");
        assertThat(e.getServerMessage()).isEqualTo("invalid input for query argument $1");
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.getMessage()).isEqualTo("ERROR: invalid input for query argument $1 (SQLSTATE 22023)");
    }

    @Test
    void clientSideConnectionErrorsAreFatal() {
        PostgresException e = new PostgresException("08006", "connection failure", null);

        assertThat(e.getSeverity()).isEqualTo("FATAL");
        assertThat(e.getMessage()).isEqualTo("FATAL: connection failure (SQLSTATE 08006)");
    }

    @Test
    void clientSideConstructorRejectsAMalformedSqlState() {
        assertThatThrownBy(() -> new PostgresException("2350", "m", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2350");
        assertThatThrownBy(() -> new PostgresException(null, "m", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostgresException("23505", null, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("message");
    }

    @Test
    void isATuskException() {
        assertThat(new PostgresException("XX000", "m", null)).isInstanceOf(TuskException.class)
                .isInstanceOf(RuntimeException.class);
    }
}
