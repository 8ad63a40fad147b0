package dev.tusk.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.CopyFormat;
import dev.tusk.CopyOptions;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.copy.CopySql;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopySqlTest {

    @Test
    void identifiersAreDoubleQuotedWithQuotesDoubled() {
        assertThat(CopySql.identifier("users")).isEqualTo("\"users\"");
        assertThat(CopySql.identifier("My \"odd\" name")).isEqualTo("\"My \"\"odd\"\" name\"");
        assertThat(CopySql.qualified("t.x", "s")).isEqualTo("\"s\".\"t.x\"");
    }

    @Test
    void literalsUseTheEscapeFormWithBackslashesAndQuotesDoubled() {
        assertThat(CopySql.literal("\\")).isEqualTo("E'\\\\'");
        assertThat(CopySql.literal("it's")).isEqualTo("E'it''s'");
        assertThat(CopySql.literal("\t")).isEqualTo("E'\t'");
    }

    @Test
    void aNulCharacterInANameOrValueIsRefused() {
        assertThatThrownBy(() -> CopySql.identifier("a\0b")).isInstanceOf(InterfaceException.class);
        assertThatThrownBy(() -> CopyOptions.builder().delimiter("\0")).isInstanceOf(InterfaceException.class)
                .hasMessageContaining("delimiter");
    }

    @Test
    void noOptionsGiveAPlainStatement() {
        assertThat(CopySql.tableToStdout("t", CopyOptions.defaults())).isEqualTo("COPY \"t\" TO STDOUT");
        assertThat(CopySql.queryToStdout("SELECT 1", CopyOptions.defaults())).isEqualTo("COPY (SELECT 1) TO STDOUT");
    }

    @Test
    void everyOptionIsWrittenInPostgresSyntax() {
        CopyOptions options = CopyOptions.builder().format(CopyFormat.CSV).oids(false).freeze(true).delimiter("|")
                .nullString("").header(true).quote("'").escape("\\").forceNotNull("a").forceNull("b", "c")
                .encoding("LATIN1").columns("a", "b", "c").schemaName("s").where("a > 0").build();
        assertThat(CopySql.stdinToTable("t", options, options.format())).isEqualTo("COPY \"s\".\"t\" (\"a\", \"b\", \"c\")"
                + " FROM STDIN (FORMAT csv, OIDS false, FREEZE true, DELIMITER E'|', NULL E'', HEADER true,"
                + " QUOTE E'''', ESCAPE E'\\\\', FORCE_NOT_NULL (\"a\"), FORCE_NULL (\"b\", \"c\"), ENCODING E'LATIN1')"
                + " WHERE a > 0");
        assertThat(CopySql.tableToStdout("t", CopyOptions.builder().forceQuoteAll().build()))
                .isEqualTo("COPY \"t\" TO STDOUT (FORCE_QUOTE *)");
        assertThat(CopySql.tableToStdout("t", CopyOptions.builder().forceQuote("x").build()))
                .isEqualTo("COPY \"t\" TO STDOUT (FORCE_QUOTE (\"x\"))");
    }

    @Test
    void theColumnDescriptionSelectsTheQuotedColumnsOfTheQualifiedTable() {
        assertThat(CopySql.describeColumns("T", "S", List.of("a", "B c")))
                .isEqualTo("SELECT \"a\", \"B c\" FROM \"S\".\"T\"");
    }

    @Test
    void impossibleOptionsAreRefusedWithTheOptionNamed() {
        assertThatThrownBy(() -> CopyOptions.builder().columns("a", "")).hasMessageContaining("columns");
        assertThatThrownBy(() -> CopyOptions.builder().schemaName("")).hasMessageContaining("schemaName");
        assertThatThrownBy(() -> CopyOptions.builder().where(" ")).hasMessageContaining("where");
        assertThatThrownBy(() -> CopyOptions.builder().timeout(Duration.ZERO)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> CopyOptions.builder().forceQuote("a").forceQuoteAll().build())
                .hasMessageContaining("forceQuote");
        assertThatThrownBy(() -> CopySql.tableToStdout("", CopyOptions.defaults())).hasMessageContaining("table");
    }

    @Test
    void toStringListsTheOptionsThatAreSet() {
        assertThat(CopyOptions.builder().format(CopyFormat.BINARY).columns("a").build().toString())
                .isEqualTo("CopyOptions[format=BINARY, columns=[a]]");
    }
}
