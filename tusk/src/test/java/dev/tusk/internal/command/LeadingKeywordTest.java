package dev.tusk.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first word of a statement, by which a pooled call whose reset failed is judged safe to run again. */
class LeadingKeywordTest {

    @Test
    void theFirstWordInUpperCase() {
        assertThat(TrailingReset.leadingKeyword("select 1")).isEqualTo("SELECT");
        assertThat(TrailingReset.leadingKeyword("WITH x AS (SELECT 1) SELECT * FROM x")).isEqualTo("WITH");
        assertThat(TrailingReset.leadingKeyword("Call proc()")).isEqualTo("CALL");
    }

    @Test
    void whiteSpaceCommentsAndParenthesesBeforeItAreSkipped() {
        assertThat(TrailingReset.leadingKeyword("  \n\t-- a comment\n(( /* one /* nested */ */ values (1)))"))
                .isEqualTo("VALUES");
        assertThat(TrailingReset.leadingKeyword("/* DELETE */ TABLE t")).isEqualTo("TABLE");
    }

    @Test
    void noWordIsEmpty() {
        assertThat(TrailingReset.leadingKeyword("")).isEmpty();
        assertThat(TrailingReset.leadingKeyword("-- only a comment")).isEmpty();
        assertThat(TrailingReset.leadingKeyword("/* unterminated")).isEmpty();
        assertThat(TrailingReset.leadingKeyword("$1")).isEmpty();
    }
}
