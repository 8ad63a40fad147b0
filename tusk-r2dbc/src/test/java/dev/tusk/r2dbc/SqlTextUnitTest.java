package dev.tusk.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting $n parameters and splitting a text of several statements, without a server. */
class SqlTextUnitTest {

    @Test
    void theHighestPlaceholderIsTheParameterCount() {
        assertThat(SqlText.count("SELECT 1")).isZero();
        assertThat(SqlText.count("SELECT $1, $2")).isEqualTo(2);
        assertThat(SqlText.count("SELECT $2, $1, $2")).isEqualTo(2);
        assertThat(SqlText.count("SELECT $3")).isEqualTo(3);
        assertThat(SqlText.count("SELECT $1::int8+$10")).isEqualTo(10);
    }

    @Test
    void placeholdersInsideLiteralsIdentifiersAndCommentsDoNotCount() {
        assertThat(SqlText.count("SELECT '$1', 'it''s $2', \"col$3\", E'\\'$4' -- $5\n, $1 /* $6 /* $7 */ $8 */")).isEqualTo(1);
        assertThat(SqlText.count("SELECT $$ $1 $$, $tag$ $2 $tag$, $3")).isEqualTo(3);
        assertThat(SqlText.count("SELECT a$1 FROM t")).isZero();
    }

    @Test
    void aPlaceholderBeyondPostgresLimitIsRefused() {
        assertThatThrownBy(() -> SqlText.count("SELECT $1234567")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$1234567");
    }

    @Test
    void aTextIsSplitAtTheSemicolonsBetweenStatementsOnly() {
        assertThat(SqlText.statements("SELECT 1")).containsExactly("SELECT 1");
        assertThat(SqlText.statements("SELECT 1; SELECT 2;")).containsExactly("SELECT 1", " SELECT 2");
        assertThat(SqlText.statements("SELECT ';', \"a;b\", E'\\';' -- ;\n, $$;$$, $t$;$t$ /* ; /* ; */ */; SELECT 2"))
                .containsExactly("SELECT ';', \"a;b\", E'\\';' -- ;\n, $$;$$, $t$;$t$ /* ; /* ; */ */", " SELECT 2");
    }

    @Test
    void emptyStatementsAreLeftOutAsTheServerLeavesThemOut() {
        assertThat(SqlText.statements("SELECT 1;; ;\n-- done\n; /* end */")).containsExactly("SELECT 1");
        assertThat(SqlText.statements(" ; ")).isEqualTo(List.of());
    }
}
