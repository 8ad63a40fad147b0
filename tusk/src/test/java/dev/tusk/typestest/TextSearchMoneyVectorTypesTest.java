package dev.tusk.typestest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.exceptions.DataException;
import dev.tusk.test.Db;
import dev.tusk.types.Money;
import dev.tusk.types.TsQuery;
import dev.tusk.types.TsVector;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * money, tsvector, tsquery, int2vector and oidvector against the server, beyond the round-trip
 * table of {@code TypesRoundTripTest}: text arguments parsed as the server parses them, the empty
 * values, the catalog's own vectors, and aclitem, which has no binary form.
 */
class TextSearchMoneyVectorTypesTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    @Test
    void theTestServerRendersMoneyWithTwoFractionDigits() {
        assertThat(conn.<String>fetchval("SHOW lc_monetary").join()).isEqualTo("C");
        assertThat(conn.<Money>fetchval("SELECT 1234.5::numeric::money").join()).isEqualTo(new Money(123_450));
        Money amount = Money.of(new BigDecimal("-12.34"), 2);
        assertThat(conn.<BigDecimal>fetchval("SELECT $1::money::numeric", amount).join()).isEqualByComparingTo("-12.34");
    }

    @Test
    void aNumberIsRefusedForMoneyRatherThanGivenAGuessedScale() {
        assertThatThrownBy(() -> conn.fetchval("SELECT $1::money", new BigDecimal("1.50")).join())
                .cause().isInstanceOf(DataException.class).hasMessageContaining("$1").hasMessageContaining("Money");
        assertThatThrownBy(() -> conn.fetchval("SELECT $1::money", 150L).join())
                .cause().isInstanceOf(DataException.class).hasMessageContaining("java.lang.Long");
        assertThat(conn.<Integer>fetchval("SELECT 1").join()).isEqualTo(1);
    }

    @Test
    void tsvectorTextArgumentsAreParsedAsTheServerParsesThem() {
        for (String text : List.of("a fat  cat sat on a mat and ate a fat rat", "'a b':1 c:3,2A,3B",
                "it's back\\\\slash 'q''uote' \\'x", "z:5 a:1 z:2C", "𝄞 Ａ é", "x:20000", "'a'b", "d:1DA,2*")) {
            TsVector server = conn.<TsVector>fetchval("SELECT $1::text::tsvector", text).join();
            assertThat(TsVector.parse(text)).as(text).isEqualTo(server);
            assertThat(conn.<TsVector>fetchval("SELECT $1::tsvector", text).join()).as(text).isEqualTo(server);
            assertThat(server.toString()).isEqualTo(conn.<String>fetchval("SELECT $1::text::tsvector::text", text).join());
        }
    }

    @Test
    void tsqueryTextArgumentsAreParsedAsTheServerParsesThem() {
        for (String text : List.of("fat & rat", "fat & (rat | cat)", "!a & b | c", "a & !b | !(c <-> d)",
                "a <-> b <3> c", "a <-> (b <-> c)", "!a <-> b", "!!a", "sup:*AB & x:c", "'it''s' | back\\\\slash",
                "'a b':* <0> 𝄞", "a & b & c | d & e", "(a | b) <2> (c & !d)", "a:dcba*")) {
            TsQuery server = conn.<TsQuery>fetchval("SELECT $1::text::tsquery", text).join();
            assertThat(TsQuery.parse(text)).as(text).isEqualTo(server);
            assertThat(conn.<TsQuery>fetchval("SELECT $1::tsquery", text).join()).as(text).isEqualTo(server);
            assertThat(server.toString()).isEqualTo(conn.<String>fetchval("SELECT $1::text::tsquery::text", text).join());
        }
    }

    @Test
    void malformedTextSearchTextIsRefusedNamingTheType() {
        for (String text : List.of("a &", "a b", "(a", "a)", "a <-1> b", "a <16385> b", "''")) {
            assertThatThrownBy(() -> TsQuery.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> conn.fetchval("SELECT $1::text::tsquery", text).join()).as(text)
                    .hasCauseInstanceOf(dev.tusk.exceptions.PostgresException.class);
        }
        assertThatThrownBy(() -> conn.fetchval("SELECT $1::tsvector", "a:0").join())
                .cause().isInstanceOf(DataException.class).hasMessageContaining("tsvector");
        assertThatThrownBy(() -> conn.fetchval("SELECT $1::tsquery", "a & (b").join())
                .cause().isInstanceOf(DataException.class).hasMessageContaining("syntax error in tsquery");
    }

    @Test
    void theEmptyTsqueryIsReadButRefusedAsAnArgumentSinceTheServerCannotReceiveIt() {
        assertThat(conn.<TsQuery>fetchval("SELECT ''::tsquery").join()).isEqualTo(TsQuery.EMPTY);
        assertThatThrownBy(() -> conn.fetchval("SELECT $1::tsquery", TsQuery.EMPTY).join())
                .cause().isInstanceOf(DataException.class).hasMessageContaining("empty tsquery");
        assertThatThrownBy(() -> conn.fetchval("SELECT $1::tsquery", " ").join())
                .cause().isInstanceOf(DataException.class).hasMessageContaining("empty tsquery");
        assertThat(conn.<Integer>fetchval("SELECT 1").join()).isEqualTo(1);
    }

    @Test
    void textSearchValuesMatchTheServersQueries() {
        TsVector document = conn.<TsVector>fetchval("SELECT to_tsvector('simple', 'The fat cats ate the fat rats')").join();
        assertThat(document.toString()).isEqualTo("'ate':4 'cats':3 'fat':2,6 'rats':7 'the':1,5");
        assertThat(conn.<Boolean>fetchval("SELECT $1::tsvector @@ $2::tsquery", document,
                TsQuery.lexeme("fat").followedBy(TsQuery.prefix("rat"))).join()).isTrue();
    }

    @Test
    void catalogVectorsReadAsListsLikeTheirArrays() {
        assertThat(conn.<Object>fetchval("SELECT indkey FROM pg_index WHERE indexrelid = 'pg_class_oid_index'::regclass")
                .join()).isEqualTo(List.of((short) 1));
        assertThat(conn.<Object>fetchval("SELECT proargtypes FROM pg_proc WHERE oid = 'int4pl'::regproc").join())
                .isEqualTo(List.of(23L, 23L));
        assertThat(conn.<Object>fetchval("SELECT ''::int2vector").join()).isEqualTo(List.of());
        assertThatThrownBy(() -> conn.fetchval("SELECT $1::int2vector", List.of()).join())
                .cause().isInstanceOf(DataException.class).hasMessageContaining("empty int2vector");
        assertThatThrownBy(() -> conn.fetchval("SELECT $1::oidvector", List.of(List.of(1L))).join())
                .cause().isInstanceOf(DataException.class).hasMessageContaining("one dimension");
        Object array = conn.<Object>fetchval("SELECT ARRAY['1 2'::int2vector]").join();
        if (Integer.parseInt(conn.<String>fetchval("SHOW server_version_num").join()) >= 130_000) {
            assertThat(array).isEqualTo(List.of(List.of((short) 1, (short) 2)));
        } else {
            // PostgreSQL 12 builds a two-dimensional array labelled int2vector: read in its shape.
            assertThat(array).isInstanceOf(dev.tusk.types.PgArray.class);
        }
    }

    @Test
    void aclitemHasNoBinaryFormAndIsReadAsText() {
        assertThat(conn.<Object>fetchval("SELECT ('=r/' || quote_ident(current_user))::aclitem").join())
                .isEqualTo("=r/" + conn.<String>fetchval("SELECT quote_ident(current_user)").join());
    }
}
