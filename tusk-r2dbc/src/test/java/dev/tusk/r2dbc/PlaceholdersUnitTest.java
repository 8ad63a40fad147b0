package dev.tusk.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Counting $n parameters, without a server. */
class PlaceholdersUnitTest {

    @Test
    void theHighestPlaceholderIsTheParameterCount() {
        assertThat(Placeholders.count("SELECT 1")).isZero();
        assertThat(Placeholders.count("SELECT $1, $2")).isEqualTo(2);
        assertThat(Placeholders.count("SELECT $2, $1, $2")).isEqualTo(2);
        assertThat(Placeholders.count("SELECT $3")).isEqualTo(3);
        assertThat(Placeholders.count("SELECT $1::int8+$10")).isEqualTo(10);
    }

    @Test
    void placeholdersInsideLiteralsIdentifiersAndCommentsDoNotCount() {
        assertThat(Placeholders.count("SELECT '$1', 'it''s $2', \"col$3\", E'\\'$4' -- $5\n, $1 /* $6 /* $7 */ $8 */")).isEqualTo(1);
        assertThat(Placeholders.count("SELECT $$ $1 $$, $tag$ $2 $tag$, $3")).isEqualTo(3);
        assertThat(Placeholders.count("SELECT a$1 FROM t")).isZero();
    }

    @Test
    void aPlaceholderBeyondPostgresLimitIsRefused() {
        assertThatThrownBy(() -> Placeholders.count("SELECT $1234567")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$1234567");
    }
}
