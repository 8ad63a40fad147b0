package dev.tusk.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code InsertStatementScanner.leadingKeyword}: the first word of a statement, by which a pooled call whose reset failed is judged safe to run again. */
class LeadingKeywordTest {

    @Test
    void theFirstWordInUpperCase() {
        assertThat(InsertStatementScanner.leadingKeyword("select 1")).isEqualTo("SELECT");
        assertThat(InsertStatementScanner.leadingKeyword("WITH x AS (SELECT 1) SELECT * FROM x")).isEqualTo("WITH");
        assertThat(InsertStatementScanner.leadingKeyword("Call proc()")).isEqualTo("CALL");
    }

    @Test
    void whiteSpaceCommentsAndParenthesesBeforeItAreSkipped() {
        assertThat(InsertStatementScanner.leadingKeyword("  \n\t-- a comment\n(( /* one /* nested */ */ values (1)))"))
                .isEqualTo("VALUES");
        assertThat(InsertStatementScanner.leadingKeyword("/* DELETE */ TABLE t")).isEqualTo("TABLE");
    }

    @Test
    void noWordIsEmpty() {
        assertThat(InsertStatementScanner.leadingKeyword("")).isEmpty();
        assertThat(InsertStatementScanner.leadingKeyword("-- only a comment")).isEmpty();
        assertThat(InsertStatementScanner.leadingKeyword("/* unterminated")).isEmpty();
        assertThat(InsertStatementScanner.leadingKeyword("$1")).isEmpty();
    }
}
