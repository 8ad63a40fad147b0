package dev.tusk.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorFieldsTest {

    static Map<Character, String> allFields() {
        Map<Character, String> map = new HashMap<>();
        map.put('S', "ERREUR");
        map.put('V', "ERROR");
        map.put('C', "23505");
        map.put('M', "duplicate key value violates unique constraint \"t_pkey\"");
        map.put('D', "Key (id)=(1) already exists.");
        map.put('H', "Use another id.");
        map.put('P', "15");
        map.put('p', "7");
        map.put('q', "SELECT 1");
        map.put('W', "PL/pgSQL function f() line 3");
        map.put('s', "public");
        map.put('t', "t");
        map.put('c', "id");
        map.put('d', "int4");
        map.put('n', "t_pkey");
        map.put('F', "nbtinsert.c");
        map.put('L', "666");
        map.put('R', "_bt_check_unique");
        return map;
    }

    @Test
    void everyGetterReturnsItsFieldCode() {
        ErrorFields fields = ErrorFields.of(allFields());

        assertThat(fields.severity()).isEqualTo("ERREUR");
        assertThat(fields.severityNonLocalized()).isEqualTo("ERROR");
        assertThat(fields.sqlState()).isEqualTo("23505");
        assertThat(fields.message()).isEqualTo("duplicate key value violates unique constraint \"t_pkey\"");
        assertThat(fields.detail()).isEqualTo("Key (id)=(1) already exists.");
        assertThat(fields.hint()).isEqualTo("Use another id.");
        assertThat(fields.position()).isEqualTo(15);
        assertThat(fields.internalPosition()).isEqualTo(7);
        assertThat(fields.internalQuery()).isEqualTo("SELECT 1");
        assertThat(fields.where()).isEqualTo("PL/pgSQL function f() line 3");
        assertThat(fields.schemaName()).isEqualTo("public");
        assertThat(fields.tableName()).isEqualTo("t");
        assertThat(fields.columnName()).isEqualTo("id");
        assertThat(fields.dataTypeName()).isEqualTo("int4");
        assertThat(fields.constraintName()).isEqualTo("t_pkey");
        assertThat(fields.file()).isEqualTo("nbtinsert.c");
        assertThat(fields.line()).isEqualTo("666");
        assertThat(fields.routine()).isEqualTo("_bt_check_unique");
        assertThat(fields.get('C')).isEqualTo("23505");
    }

    @Test
    void absentFieldsReadAsNullAndAbsentPositionsAsZero() {
        ErrorFields fields = ErrorFields.of(Map.of('C', "42601"));

        assertThat(fields.message()).isNull();
        assertThat(fields.detail()).isNull();
        assertThat(fields.get('Z')).isNull();
        assertThat(fields.position()).isZero();
        assertThat(fields.internalPosition()).isZero();
    }

    @Test
    void malformedPositionsReadAsZeroInsteadOfThrowing() {
        assertThat(ErrorFields.of(Map.of('P', "abc")).position()).isZero();
        assertThat(ErrorFields.of(Map.of('P', "-3")).position()).isZero();
        assertThat(ErrorFields.of(Map.of('P', "")).position()).isZero();
        assertThat(ErrorFields.of(Map.of('P', "99999999999")).position()).isZero();
        assertThat(ErrorFields.of(Map.of('p', "2147483647")).internalPosition()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theSourceMapIsCopied() {
        Map<Character, String> source = new HashMap<>(Map.of('M', "before"));
        ErrorFields fields = ErrorFields.of(source);

        source.put('M', "after");

        assertThat(fields.message()).isEqualTo("before");
        assertThatThrownBy(() -> fields.asMap().put('M', "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullValuesAreRejected() {
        Map<Character, String> source = new HashMap<>();
        source.put('M', null);

        assertThatThrownBy(() -> ErrorFields.of(source)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringListsDocumentedCodesInProtocolOrderThenUnknownOnes() {
        Map<Character, String> source = new HashMap<>(Map.of('M', "boom", 'S', "ERROR", 'C', "XX000"));
        source.put('Z', "future field");

        assertThat(ErrorFields.of(source)).hasToString("ErrorFields{S=ERROR, C=XX000, M=boom, Z=future field}");
    }

    @Test
    void equalFieldsAreEqual() {
        assertThat(ErrorFields.of(allFields())).isEqualTo(ErrorFields.of(allFields()))
                .hasSameHashCodeAs(ErrorFields.of(allFields()));
    }
}
