package dev.tusk.internal.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPassFileTest {

    @TempDir
    Path directory;

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        Logger.getLogger(PgPassFile.class.getName()).addHandler(capture);
    }

    @AfterEach
    void releaseWarnings() {
        Logger.getLogger(PgPassFile.class.getName()).removeHandler(capture);
    }

    @Test
    void exactLineMatches() {
        assertThat(PgPassFile.find("db.example.com:5432:app:alice:s3cret\n", "db.example.com", "5432", "app", "alice"))
                .isEqualTo("s3cret");
    }

    @Test
    void eachOfTheFirstFourFieldsMustMatch() {
        String line = "h:5432:d:u:pw";
        assertThat(PgPassFile.find(line, "other", "5432", "d", "u")).isNull();
        assertThat(PgPassFile.find(line, "h", "5433", "d", "u")).isNull();
        assertThat(PgPassFile.find(line, "h", "5432", "other", "u")).isNull();
        assertThat(PgPassFile.find(line, "h", "5432", "d", "other")).isNull();
        assertThat(PgPassFile.find(line, "h", "5432", "d", "u")).isEqualTo("pw");
    }

    @Test
    void fieldsMustMatchWholeNotAsPrefix() {
        assertThat(PgPassFile.find("host:5432:d:u:pw", "hostname", "5432", "d", "u")).isNull();
        assertThat(PgPassFile.find("hostname:5432:d:u:pw", "host", "5432", "d", "u")).isNull();
    }

    @Test
    void starMatchesAnythingInAnyOfTheFirstFourFields() {
        assertThat(PgPassFile.find("*:*:*:*:any", "h", "1", "d", "u")).isEqualTo("any");
        assertThat(PgPassFile.find("h:*:d:*:some", "h", "6000", "d", "bob")).isEqualTo("some");
    }

    @Test
    void firstMatchingLineWins() {
        String text = "h:5432:d:u:first\n*:*:*:*:second\nh:5432:d:u:third\n";
        assertThat(PgPassFile.find(text, "h", "5432", "d", "u")).isEqualTo("first");
        assertThat(PgPassFile.find(text, "x", "5432", "d", "u")).isEqualTo("second");
    }

    @Test
    void backslashEscapesColonAndBackslashInFieldsAndPassword() {
        String text = "fe80\\:\\:1:5432:d\\\\b:u:pa\\:ss\\\\word\n";
        assertThat(PgPassFile.find(text, "fe80::1", "5432", "d\\b", "u")).isEqualTo("pa:ss\\word");
    }

    @Test
    void passwordEndsAtAnUnescapedColon() {
        assertThat(PgPassFile.find("h:1:d:u:pw:trailing", "h", "1", "d", "u")).isEqualTo("pw");
    }

    @Test
    void lineWithoutPasswordFieldDoesNotMatch() {
        assertThat(PgPassFile.find("h:1:d:u\n*:*:*:*:fallback", "h", "1", "d", "u")).isEqualTo("fallback");
    }

    @Test
    void commentsBlankLinesAndCarriageReturnsAreHandled() {
        String text = "# h:1:d:u:commented\r\n\r\nh:1:d:u:real\r\n";
        assertThat(PgPassFile.find(text, "h", "1", "d", "u")).isEqualTo("real");
    }

    @Test
    void localhostMatchesAUnixSocketConnection() {
        String text = "localhost:5432:d:u:local\n";
        assertThat(PgPassFile.find(text, "/var/run/postgresql", "5432", "d", "u")).isEqualTo("local");
        assertThat(PgPassFile.find(text, "", "5432", "d", "u")).isEqualTo("local");
        assertThat(PgPassFile.find(text, null, "5432", "d", "u")).isEqualTo("local");
    }

    @Test
    void socketDirectoryCanAlsoBeMatchedLiterally() {
        assertThat(PgPassFile.find("/tmp:5432:d:u:bydir\n", "/tmp", "5432", "d", "u")).isEqualTo("bydir");
    }

    @Test
    void lookupReadsAPrivateFile() throws IOException {
        Path file = write("h:5433:d:u:fromfile\n", "rw-------");
        assertThat(PgPassFile.lookup(file, "h", 5433, "d", "u")).isEqualTo("fromfile");
        assertThat(warnings).isEmpty();
    }

    @Test
    void fileReadableByGroupOrOthersIsIgnoredWithAWarningThatHidesItsContent() throws IOException {
        Path file = write("h:5432:d:u:topsecret\n", "rw-r-----");
        assertThat(PgPassFile.lookup(file, "h", 5432, "d", "u")).isNull();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThat(PgPassFile.lookup(file, "h", 5432, "d", "u")).isNull();
        assertThat(warnings).hasSize(2).allSatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(record.getMessage()).contains("group or world access").doesNotContain("topsecret");
        });
    }

    @Test
    void missingFileOrMissingDatabaseOrUserGivesNull() throws IOException {
        assertThat(PgPassFile.lookup(directory.resolve("absent"), "h", 5432, "d", "u")).isNull();
        assertThat(PgPassFile.lookup(null, "h", 5432, "d", "u")).isNull();
        Path file = write("*:*:*:*:pw\n", "rw-------");
        assertThat(PgPassFile.lookup(file, "h", 5432, "", "u")).isNull();
        assertThat(PgPassFile.lookup(file, "h", 5432, "d", null)).isNull();
        assertThat(warnings).isEmpty();
    }

    @Test
    void directoryInsteadOfFileIsIgnoredWithAWarning() {
        assertThat(PgPassFile.lookup(directory, "h", 5432, "d", "u")).isNull();
        assertThat(warnings).singleElement().satisfies(r -> assertThat(r.getMessage()).contains("not a plain file"));
    }

    private Path write(String content, String permissions) throws IOException {
        Path file = Files.createTempFile(directory, "pgpass", "");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
