package dev.tusk.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class InsertStatementScannerTest {

    private static String rewrite(String sql) {
        InsertRewrite rewrite = InsertStatementScanner.scan(sql);
        return rewrite == null ? null : rewrite.sql();
    }

    @Test
    void aPlainInsertBecomesOneUnnestPerParameter() {
        InsertRewrite rewrite = InsertStatementScanner.scan("INSERT INTO t (a, b, c) VALUES ($1, $2, $3)");
        assertThat(rewrite.sql()).isEqualTo("INSERT INTO t (a, b, c) SELECT pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3)");
        assertThat(rewrite.parameterCount()).isEqualTo(3);
        assertThat(rewrite.originalSql()).isEqualTo("INSERT INTO t (a, b, c) VALUES ($1, $2, $3)");
    }

    @Test
    void keywordsAreCaseInsensitiveAndSpacingIsFree() {
        assertThat(rewrite("insert\n\tinto t(a,b)values($1,$2)")).isEqualTo("insert\n\tinto t(a,b) SELECT pg_catalog.unnest($1), pg_catalog.unnest($2)");
        assertThat(rewrite("InSeRt InTo t VaLuEs ( $1 )")).isEqualTo("InSeRt InTo t SELECT pg_catalog.unnest($1)");
    }

    @Test
    void aTrailingSemicolonAndCommentsAreDropped() {
        assertThat(rewrite("INSERT INTO t (a) VALUES ($1);  -- done\n")).isEqualTo("INSERT INTO t (a) SELECT pg_catalog.unnest($1)");
        assertThat(rewrite("INSERT INTO t (a) VALUES ($1) /* end */")).isEqualTo("INSERT INTO t (a) SELECT pg_catalog.unnest($1)");
    }

    @Test
    void commentsBeforeValuesAreKeptVerbatim() {
        assertThat(rewrite("-- load\nINSERT /* VALUES ($9) */ INTO t (a) -- $1 VALUES\nVALUES ($1)"))
                .isEqualTo("-- load\nINSERT /* VALUES ($9) */ INTO t (a) -- $1 VALUES\nSELECT pg_catalog.unnest($1)");
        assertThat(rewrite("INSERT INTO t /* a /* nested */ comment */ VALUES ($1)"))
                .isEqualTo("INSERT INTO t /* a /* nested */ comment */ SELECT pg_catalog.unnest($1)");
    }

    @Test
    void quotedAndQualifiedNamesAliasesAndOverridingAreAccepted() {
        assertThat(rewrite("INSERT INTO \"My \"\"Schema\".\"VALUES\" AS x (\"$1\", \"a,b\") VALUES ($1, $2)"))
                .isEqualTo("INSERT INTO \"My \"\"Schema\".\"VALUES\" AS x (\"$1\", \"a,b\") SELECT pg_catalog.unnest($1), pg_catalog.unnest($2)");
        assertThat(rewrite("INSERT INTO db.s.t OVERRIDING SYSTEM VALUE VALUES ($1)"))
                .isEqualTo("INSERT INTO db.s.t OVERRIDING SYSTEM VALUE SELECT pg_catalog.unnest($1)");
        assertThat(rewrite("INSERT INTO t (a) OVERRIDING USER VALUE VALUES ($1)")).isNotNull();
        assertThat(rewrite("INSERT INTO tåble (ünïcode, a$b) VALUES ($1, $2)")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO t (a) VALUES ($1) RETURNING a",
        "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING",
        "INSERT INTO t (a, b) VALUES ($1, $2 + 1)",
        "INSERT INTO t (a, b) VALUES ($1, now())",
        "INSERT INTO t (a, b) VALUES ($1, DEFAULT)",
        "INSERT INTO t (a, b) VALUES ($1, $2::int)",
        "INSERT INTO t (a, b) VALUES ($1, 'x')",
        "INSERT INTO t (a, b) VALUES ($1, 7)",
        "INSERT INTO t (a) VALUES ($1), ($2)",
        "INSERT INTO t (a, b) VALUES ($2, $1)",
        "INSERT INTO t (a, b) VALUES ($1, $1)",
        "INSERT INTO t (a, b) VALUES ($1, $3)",
        "INSERT INTO t (a) VALUES ($0)",
        "INSERT INTO t (a) VALUES ($01a)",
        "INSERT INTO t (a) VALUES ()",
        "INSERT INTO t DEFAULT VALUES",
        "INSERT INTO t (a) SELECT $1",
        "INSERT INTO t (a) SELECT 1 UNION VALUES ($1)",
        "INSERT INTO t (a) SELECT * FROM (VALUES ($1)) v",
        "WITH x AS (SELECT 1) INSERT INTO t (a) VALUES ($1)",
        "INSERT INTO t (a[1]) VALUES ($1)",
        "INSERT INTO t (c.f) VALUES ($1)",
        "INSERT INTO t (a) VALUES ($1); INSERT INTO t (a) VALUES ($2)",
        "INSERT INTO t (a) VALUES ($1);;",
        "INSERT INTO t (a) VALUES ($1",
        "INSERT INTO t (a) VALUES ($1) /* unterminated",
        "INSERT INTO t (\"a) VALUES ($1)",
        "INSERT INTO t (\"\") VALUES ($1)",
        "INSERT INTO t AS VALUES ($1)",
        "INSERT t (a) VALUES ($1)",
        "UPDATE t SET a = $1",
        "INSERT INTO U&\"t\" (a) VALUES ($1)",
        "INSERT INTO t (a) OVERRIDING VALUE VALUES ($1)",
        "",
    })
    void anythingButPlainParametersIsNotRewritten(String sql) {
        assertThat(rewrite(sql)).isNull();
    }

    @Test
    void literalsThatLookLikeParametersOrKeywordsNeverConfuseTheScanner() {
        assertThat(rewrite("INSERT INTO t (a, b) VALUES ($1, '$2')")).isNull();
        assertThat(rewrite("INSERT INTO t (a, b) VALUES ($1, 'VALUES ($2)')")).isNull();
        assertThat(rewrite("INSERT INTO t (a, b) VALUES ($1, $$), ($2$$)")).isNull();
        assertThat(rewrite("INSERT INTO t (a, b) VALUES ($1, $q$ $2 $q$)")).isNull();
        assertThat(rewrite("INSERT INTO t (a, b) VALUES ($1, E'\\' VALUES ($2)')")).isNull();
        assertThat(rewrite("INSERT INTO t (a) VALUES ($1) -- ; RETURNING a")).isNotNull();
        assertThat(rewrite("INSERT INTO t (a) VALUES ($1) /* RETURNING a */")).isNotNull();
    }

    @Test
    void aRewriteAlwaysSeparatesSelectFromWhatPrecedesIt() {
        assertThat(rewrite("INSERT INTO \"t\"VALUES($1)")).isEqualTo("INSERT INTO \"t\" SELECT pg_catalog.unnest($1)");
        assertThat(rewrite("INSERT INTO t/**/VALUES($1)")).isEqualTo("INSERT INTO t/**/ SELECT pg_catalog.unnest($1)");
    }

    @Test
    void manyParametersAreNumberedInOrder() {
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            columns.append(i == 1 ? "" : ", ").append("c").append(i);
            values.append(i == 1 ? "" : ", ").append('$').append(i);
        }
        InsertRewrite rewrite = InsertStatementScanner.scan("INSERT INTO t (" + columns + ") VALUES (" + values + ")");
        assertThat(rewrite.parameterCount()).isEqualTo(100);
        assertThat(rewrite.sql()).endsWith("pg_catalog.unnest($99), pg_catalog.unnest($100)");
    }
}
