package dev.tusk.internal.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.tusk.exceptions.InterfaceException;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DsnParserTest {

    @Nested
    class UriForm {

        @Test
        void bareSchemeGivesNoKeywords() {
            assertThat(DsnParser.parse("postgresql://")).isEmpty();
            assertThat(DsnParser.parse("postgres://")).isEmpty();
        }

        @Test
        void hostAlone() {
            assertThat(DsnParser.parse("postgresql://localhost")).containsExactly(entry("host", "localhost"));
        }

        @Test
        void hostAndPort() {
            assertThat(DsnParser.parse("postgresql://localhost:5433"))
                    .containsExactly(entry("host", "localhost"), entry("port", "5433"));
        }

        @Test
        void hostAndDatabase() {
            assertThat(DsnParser.parse("postgresql://localhost/mydb"))
                    .containsExactly(entry("host", "localhost"), entry("dbname", "mydb"));
        }

        @Test
        void userBeforeAt() {
            assertThat(DsnParser.parse("postgresql://user@localhost"))
                    .containsExactly(entry("user", "user"), entry("host", "localhost"));
        }

        @Test
        void userAndPasswordBeforeAt() {
            assertThat(DsnParser.parse("postgresql://user:secret@localhost"))
                    .containsExactly(entry("user", "user"), entry("password", "secret"), entry("host", "localhost"));
        }

        @Test
        void queryParametersAreKeywords() {
            assertThat(DsnParser.parse("postgresql://other@localhost/otherdb?connect_timeout=10&application_name=myapp"))
                    .containsExactly(entry("user", "other"), entry("host", "localhost"), entry("dbname", "otherdb"),
                            entry("connect_timeout", "10"), entry("application_name", "myapp"));
        }

        @Test
        void severalHostPortPairsBecomeLists() {
            assertThat(DsnParser.parse(
                    "postgresql://host1:123,host2:456/somedb?target_session_attrs=any&application_name=myapp"))
                    .containsExactly(entry("host", "host1,host2"), entry("port", "123,456"), entry("dbname", "somedb"),
                            entry("target_session_attrs", "any"), entry("application_name", "myapp"));
        }

        @Test
        void hostWithoutPortLeavesAnEmptyItemInThePortList() {
            assertThat(DsnParser.parse("postgresql://host1:123,host2/db"))
                    .contains(entry("host", "host1,host2"), entry("port", "123,"));
        }

        @Test
        void hostAndPortAsQueryParametersWithEmptyNetloc() {
            assertThat(DsnParser.parse("postgresql:///mydb?host=localhost&port=5433"))
                    .containsExactly(entry("dbname", "mydb"), entry("host", "localhost"), entry("port", "5433"));
        }

        @Test
        void ipv6LiteralInBrackets() {
            assertThat(DsnParser.parse("postgresql://[2001:db8::1234]/database"))
                    .containsExactly(entry("host", "2001:db8::1234"), entry("dbname", "database"));
            assertThat(DsnParser.parse("postgresql://[::1]:5433,[fe80::1]/db"))
                    .contains(entry("host", "::1,fe80::1"), entry("port", "5433,"));
        }

        @Test
        void severalHostsWithoutAnyPortGiveNoPortList() {
            assertThat(DsnParser.parse("postgresql://a,b/db")).containsExactly(entry("host", "a,b"), entry("dbname", "db"));
        }

        @Test
        void socketDirectoryAsQueryParameter() {
            assertThat(DsnParser.parse("postgresql:///dbname?host=/var/lib/postgresql"))
                    .containsExactly(entry("dbname", "dbname"), entry("host", "/var/lib/postgresql"));
        }

        @Test
        void percentEncodedSocketDirectoryInNetloc() {
            assertThat(DsnParser.parse("postgresql://%2Fvar%2Flib%2Fpostgresql/dbname"))
                    .containsExactly(entry("host", "/var/lib/postgresql"), entry("dbname", "dbname"));
        }

        @Test
        void percentDecodingAppliesToEveryPartAndYieldsUtf8() {
            Map<String, String> values = DsnParser.parse(
                    "postgresql://us%40er:p%3Ass%2Fw@h%C3%A9st/d%20b?application_name=a%26b&options=-c%20x%3Dy");
            assertThat(values).containsExactly(entry("user", "us@er"), entry("password", "p:ss/w"),
                    entry("host", "hést"), entry("dbname", "d b"), entry("application_name", "a&b"),
                    entry("options", "-c x=y"));
        }

        @Test
        void emptyUserPasswordAndDatabaseAreNotStored() {
            assertThat(DsnParser.parse("postgresql://:@localhost/")).containsExactly(entry("host", "localhost"));
        }

        @Test
        void schemeIsCaseInsensitive() {
            assertThat(DsnParser.parse("PostgreSQL://h")).containsExactly(entry("host", "h"));
        }

        @Test
        void queryParameterOverridesNetlocHost() {
            assertThat(DsnParser.parse("postgresql://a/db?host=b")).containsEntry("host", "b");
        }

        @Test
        void sslTrueIsLibpqsJdbcSpellingOfSslmodeRequire() {
            assertThat(DsnParser.parse("postgresql://h?ssl=true")).containsEntry("sslmode", "require");
        }

        @Test
        void lastAtSeparatesUserInfoFromHost() {
            assertThat(DsnParser.parse("postgresql://u:p@ss@host/db"))
                    .contains(entry("user", "u"), entry("password", "p@ss"), entry("host", "host"));
        }
    }

    @Nested
    class KeywordValueForm {

        @Test
        void documentedExample() {
            assertThat(DsnParser.parse("host=localhost port=5432 dbname=mydb connect_timeout=10"))
                    .containsExactly(entry("host", "localhost"), entry("port", "5432"), entry("dbname", "mydb"),
                            entry("connect_timeout", "10"));
        }

        @Test
        void emptyAndBlankStringsGiveNoKeywords() {
            assertThat(DsnParser.parse("")).isEmpty();
            assertThat(DsnParser.parse("  \t\n")).isEmpty();
        }

        @Test
        void spacesAroundEqualsAreAllowed() {
            assertThat(DsnParser.parse("  host =  localhost\tdbname= db "))
                    .containsExactly(entry("host", "localhost"), entry("dbname", "db"));
        }

        @Test
        void quotedValuesKeepSpacesAndUnescapeQuoteAndBackslash() {
            assertThat(DsnParser.parse("user='a b' options='-c x=\\'y\\' \\\\z'"))
                    .containsEntry("user", "a b")
                    .containsEntry("options", "-c x='y' \\z");
        }

        @Test
        void quotedEmptyValue() {
            assertThat(DsnParser.parse("application_name='' host=h"))
                    .containsExactly(entry("application_name", ""), entry("host", "h"));
        }

        @Test
        void backslashEscapesInPlainValues() {
            assertThat(DsnParser.parse("password=a\\ b\\\\c user=u")).containsEntry("password", "a b\\c");
        }

        @Test
        void laterValueOfAKeywordWins() {
            assertThat(DsnParser.parse("host=a host=b")).containsExactly(entry("host", "b"));
        }

        @Test
        void requiresslIsTranslatedToSslmode() {
            assertThat(DsnParser.parse("requiressl=1")).containsExactly(entry("sslmode", "require"));
            assertThat(DsnParser.parse("requiressl=0")).containsExactly(entry("sslmode", "prefer"));
        }

        @Test
        void hostAndPortListsAreKeptAsGiven() {
            assertThat(DsnParser.parse("host=a,b port=5432,5433"))
                    .containsExactly(entry("host", "a,b"), entry("port", "5432,5433"));
        }

        @Test
        void utf8ClientEncodingAndHarmlessGssencmodeAreAccepted() {
            assertThat(DsnParser.parse("client_encoding=UTF8 gssencmode=disable"))
                    .containsExactly(entry("client_encoding", "UTF8"), entry("gssencmode", "disable"));
            assertThat(DsnParser.parse("client_encoding=utf-8")).containsEntry("client_encoding", "utf-8");
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownKeywordIsNamedWithTheNearestKnownOne() {
            assertThatThrownBy(() -> DsnParser.parse("hots=localhost"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessage("invalid connection option \"hots\" (did you mean \"host\"?)");
            assertThatThrownBy(() -> DsnParser.parse("postgresql://h/db?sslmdoe=require"))
                    .hasMessageContaining("\"sslmdoe\"").hasMessageContaining("did you mean \"sslmode\"");
            assertThatThrownBy(() -> DsnParser.parse("database=x"))
                    .hasMessageContaining("did you mean \"dbname\"");
        }

        @Test
        void unknownKeywordFarFromAnyKnownOneHasNoSuggestion() {
            assertThatThrownBy(() -> DsnParser.parse("postgresql://h?zzzzzzzz=1"))
                    .hasMessage("invalid connection option \"zzzzzzzz\"");
        }

        @Test
        void libpqKeywordsTuskDoesNotSupportAreRefusedNotIgnored() {
            assertThatThrownBy(() -> DsnParser.parse("sslcompression=1"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessage("connection option \"sslcompression\" is not supported by Tusk");
            assertThatThrownBy(() -> DsnParser.parse("krbsrvname=postgres"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessage("connection option \"krbsrvname\" is not supported by Tusk");
            assertThatThrownBy(() -> DsnParser.parse("gssencmode=require"))
                    .hasMessageContaining("gssencmode \"require\" is not supported");
        }

        @Test
        void clientEncodingOtherThanUtf8IsRefused() {
            assertThatThrownBy(() -> DsnParser.parse("client_encoding=LATIN1"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessage("client_encoding \"LATIN1\" is not supported: Tusk always talks to the server in UTF8");
        }

        @Test
        void badPercentEscapeIsNamed() {
            assertThatThrownBy(() -> DsnParser.parse("postgresql://h/my%zzdb"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("invalid percent-encoded token \"%zz\" in the database name");
            assertThatThrownBy(() -> DsnParser.parse("postgresql://h/db%4"))
                    .hasMessageContaining("\"%4\"");
            assertThatThrownBy(() -> DsnParser.parse("postgresql://h/db%00"))
                    .hasMessageContaining("forbidden %00 in the database name");
            assertThatThrownBy(() -> DsnParser.parse("postgresql://h/db%C3"))
                    .hasMessageContaining("not valid UTF-8");
        }

        @Test
        void badPercentEscapeInPasswordDoesNotShowIt() {
            assertThatThrownBy(() -> DsnParser.parse("postgresql://u:hunter%zz2@h/db"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("in the password")
                    .hasMessageNotContaining("hunter")
                    .hasMessageNotContaining("%zz");
            assertThatThrownBy(() -> DsnParser.parse("postgresql://h/db?password=hunter%G2"))
                    .hasMessageNotContaining("hunter").hasMessageNotContaining("%G2");
        }

        @Test
        void unterminatedQuoteNamesTheKeywordNotTheValue() {
            assertThatThrownBy(() -> DsnParser.parse("user=u password='hunter2 host=h"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessage("unterminated quoted value of \"password\" in connection string");
        }

        @Test
        void missingEqualsNamesTheWord() {
            assertThatThrownBy(() -> DsnParser.parse("host=h mydb"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessage("missing \"=\" after \"mydb\" in connection string");
            assertThatThrownBy(() -> DsnParser.parse("=x"))
                    .hasMessageContaining("missing keyword before \"=\"");
        }

        @Test
        void strayWordAfterAPasswordIsNotShown() {
            assertThatThrownBy(() -> DsnParser.parse("password=hunter two host=h"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("after the value of \"password\"")
                    .hasMessageNotContaining("hunter").hasMessageNotContaining("two");
        }

        @Test
        void portMustBeANumberFrom1To65535() {
            assertThatThrownBy(() -> DsnParser.parse("postgresql://h:abc/db"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessage("invalid port number \"abc\" in connection URI (expected 1 to 65535)");
            assertThatThrownBy(() -> DsnParser.parse("port=0")).hasMessageContaining("\"0\"");
            assertThatThrownBy(() -> DsnParser.parse("port=65536")).hasMessageContaining("\"65536\"");
            assertThatThrownBy(() -> DsnParser.parse("port=5432,x")).hasMessageContaining("\"x\"");
            assertThatThrownBy(() -> DsnParser.parse("postgresql://h?port=-1")).hasMessageContaining("\"-1\"");
        }

        @Test
        void unbracketedIpv6GetsAHint() {
            assertThatThrownBy(() -> DsnParser.parse("postgresql://::1/db"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("in brackets");
        }

        @Test
        void malformedIpv6Brackets() {
            assertThatThrownBy(() -> DsnParser.parse("postgresql://[::1/db"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("missing \"]\" after IPv6 host address \"[::1\"");
            assertThatThrownBy(() -> DsnParser.parse("postgresql://[]/db"))
                    .hasMessageContaining("IPv6 host address may not be empty");
            assertThatThrownBy(() -> DsnParser.parse("postgresql://[::1]x/db"))
                    .hasMessageContaining("unexpected character \"x\" after IPv6 host address \"[::1]\"");
        }

        @Test
        void passwordWithAnUnencodedSlashIsNotEchoedAsAPort() {
            assertThatThrownBy(() -> DsnParser.parse("postgresql://u:hunter/2@host/db"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("percent-encode")
                    .hasMessageNotContaining("hunter");
        }

        @Test
        void queryParameterWithoutEquals() {
            assertThatThrownBy(() -> DsnParser.parse("postgresql://h?sslmode"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessage("missing \"=\" in URI query parameter \"sslmode\"");
        }
    }

    @Nested
    class Redaction {

        @Test
        void uriPasswordsAreMasked() {
            assertThat(DsnParser.redact("postgresql://u:hunter2@h/db?sslpassword=k&password=p&x=1"))
                    .isEqualTo("postgresql://u:***@h/db?sslpassword=***&password=***&x=1");
        }

        @Test
        void uriPasswordWithUnencodedSlashIsMaskedUpToTheLastAt() {
            assertThat(DsnParser.redact("postgresql://u:hun/ter@h/db")).isEqualTo("postgresql://u:***@h/db");
        }

        @Test
        void uriWithoutPasswordIsUnchanged() {
            assertThat(DsnParser.redact("postgresql://u@h:5432/db")).isEqualTo("postgresql://u@h:5432/db");
        }

        @Test
        void keywordValuePasswordsAreMaskedQuotedOrNot() {
            assertThat(DsnParser.redact("host=h password = 'a b\\' c' user=u sslpassword=x\\ y dbname=d"))
                    .isEqualTo("host=h password=*** user=u sslpassword=*** dbname=d");
            assertThat(DsnParser.redact("password='unterminated")).isEqualTo("password=***");
        }
    }
}
