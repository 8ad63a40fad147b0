package dev.tusk.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.CopyFormat;
import dev.tusk.CopyOptions;
import dev.tusk.CopySink;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.UndefinedTableException;
import dev.tusk.test.Db;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyFromTableTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
        conn.execute("CREATE TEMP TABLE out_t (id int, name text, note text);"
                + "INSERT INTO out_t VALUES (1, 'Ada', NULL), (2, 'quote \"q\", comma', E'line1\\nline2'),"
                + " (3, E'tab\\there', 'back\\slash')").join();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    private static String copyOut(String table, CopyOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String status = conn.copyFromTable(table, out, options).join();
        assertThat(status).isEqualTo("COPY 3");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textFormatWritesTabSeparatedRowsWithBackslashEscapesAndNullAsBackslashN() {
        assertThat(copyOut("out_t", CopyOptions.defaults())).isEqualTo(
                "1\tAda\t\\N\n2\tquote \"q\", comma\tline1\\nline2\n3\ttab\\there\tback\\\\slash\n");
    }

    @Test
    void csvFormatQuotesValuesWithDelimitersQuotesAndNewlines() {
        String csv = copyOut("out_t", CopyOptions.builder().format(CopyFormat.CSV).header(true).build());
        assertThat(csv).isEqualTo("id,name,note\n1,Ada,\n2,\"quote \"\"q\"\", comma\",\"line1\nline2\"\n"
                + "3,tab\there,back\\slash\n");
    }

    @Test
    void csvOptionsDelimiterNullQuoteEscapeAndForceQuoteAreApplied() {
        CopyOptions options = CopyOptions.builder().format(CopyFormat.CSV).delimiter(";").nullString("NULL")
                .quote("'").escape("\\").forceQuote("id").columns("id", "note").build();
        assertThat(copyOut("out_t", options)).isEqualTo("'1';NULL\n'2';'line1\nline2'\n'3';back\\slash\n");
        CopyOptions all = CopyOptions.builder().format(CopyFormat.CSV).forceQuoteAll().columns("name").build();
        assertThat(copyOut("out_t", all)).isEqualTo("\"Ada\"\n\"quote \"\"q\"\", comma\"\n\"tab\there\"\n");
    }

    @Test
    void binaryFormatStartsWithTheCopySignatureAndEndsWithTheTrailer() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        conn.copyFromTable("out_t", out, CopyOptions.builder().format(CopyFormat.BINARY).build()).join();
        byte[] data = out.toByteArray();
        assertThat(new String(data, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("PGCOPY");
        assertThat(data[data.length - 2]).isEqualTo((byte) 0xFF);
        assertThat(data[data.length - 1]).isEqualTo((byte) 0xFF);
    }

    @Test
    void copyFromQueryExportsTheQueryResult() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String status = conn.copyFromQuery("SELECT g, g * 2 FROM generate_series(1, 4) g", out,
                CopyOptions.builder().format(CopyFormat.CSV).build()).join();
        assertThat(status).isEqualTo("COPY 4");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1,2\n2,4\n3,6\n4,8\n");
    }

    @Test
    void aFileSinkIsCreatedOrTruncatedAndClosed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "old content that is longer than the new content ".repeat(20));
        conn.copyFromTable("out_t", file, CopyOptions.builder().format(CopyFormat.CSV).columns("id").build()).join();
        assertThat(Files.readString(file)).isEqualTo("1\n2\n3\n");
    }

    @Test
    void aChannelSinkReceivesTheData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        conn.copyFromTable("out_t", CopySink.of(Channels.newChannel(out)),
                CopyOptions.builder().columns("id").build()).join();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1\n2\n3\n");
    }

    @Test
    void anAsynchronousSinkGetsChunksInOrderOneAtATime() {
        List<ByteBuffer> chunks = new ArrayList<>();
        CompletableFuture<?>[] pending = new CompletableFuture<?>[1];
        boolean[] overlapped = new boolean[1];
        String status = conn.copyFromQuery("SELECT repeat('x', 1000) FROM generate_series(1, 1000)", chunk -> {
            if (pending[0] != null && !pending[0].isDone()) {
                overlapped[0] = true;
            }
            chunks.add(chunk);
            CompletableFuture<Void> later = CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
            pending[0] = later;
            return later;
        }, CopyOptions.defaults()).join();
        assertThat(status).isEqualTo("COPY 1000");
        assertThat(overlapped[0]).isFalse();
        assertThat(chunks.size()).isGreaterThan(1);
        assertThat(chunks.stream().mapToInt(ByteBuffer::remaining).sum()).isEqualTo(1001 * 1000);
    }

    @Test
    void aFailingSinkFailsTheCallWithItsExceptionAndTheConnectionStaysUsable() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        assertThatThrownBy(() -> conn.copyFromQuery("SELECT g FROM generate_series(1, 2000000) g", broken,
                CopyOptions.defaults()).join())
                .isInstanceOf(CompletionException.class).hasRootCauseMessage("disk full");
        assertThat(conn.<Integer>fetchval("SELECT 42").join()).isEqualTo(42);
    }

    @Test
    void aSinkThatThrowsFailsTheCallAndTheConnectionStaysUsable() {
        assertThatThrownBy(() -> conn.copyFromTable("out_t", chunk -> {
            throw new IllegalStateException("consumer broke");
        }, CopyOptions.defaults()).join()).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(conn.<Integer>fetchval("SELECT 7").join()).isEqualTo(7);
    }

    @Test
    void aTimeoutWhileTheSinkIsStalledFailsTheCallAndTheConnectionStaysUsable() {
        CompletableFuture<Void> never = new CompletableFuture<>();
        boolean[] aborted = new boolean[1];
        CopySink stalled = new CopySink() {
            @Override
            public java.util.concurrent.CompletionStage<?> write(ByteBuffer chunk) {
                return never;
            }

            @Override
            public void abort(Throwable cause) {
                aborted[0] = true;
            }
        };
        CopyOptions options = CopyOptions.builder().timeout(java.time.Duration.ofMillis(200)).build();
        assertThatThrownBy(() -> conn.copyFromQuery("SELECT g, repeat('y', 200) FROM generate_series(1, 1000000) g",
                stalled, options).join()).hasCauseInstanceOf(dev.tusk.exceptions.QueryTimeoutException.class);
        assertThat(conn.<Integer>fetchval("SELECT 11").join()).isEqualTo(11);
        assertThat(aborted[0]).isTrue();
    }

    @Test
    void aMissingTableFailsWithTheServerErrorAndTheSinkIsAborted() {
        boolean[] aborted = new boolean[1];
        CopySink sink = new CopySink() {
            @Override
            public java.util.concurrent.CompletionStage<?> write(ByteBuffer chunk) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void abort(Throwable cause) {
                aborted[0] = true;
            }
        };
        assertThatThrownBy(() -> conn.copyFromTable("no_such_table", sink, CopyOptions.defaults()).join())
                .hasCauseInstanceOf(UndefinedTableException.class);
        assertThat(conn.<Integer>fetchval("SELECT 1").join()).isEqualTo(1);
        assertThat(aborted[0]).isTrue();
    }

    @Test
    void tableNamesAreQuotedIdentifiersSoMixedCaseAndQuotesWork() {
        conn.execute("CREATE SCHEMA IF NOT EXISTS \"Copy Schema\";"
                + "CREATE TABLE IF NOT EXISTS \"Copy Schema\".\"Odd \"\"Name\" (\"Id\" int);"
                + "TRUNCATE \"Copy Schema\".\"Odd \"\"Name\"; INSERT INTO \"Copy Schema\".\"Odd \"\"Name\" VALUES (5)").join();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        conn.copyFromTable("Odd \"Name", out, CopyOptions.builder().schemaName("Copy Schema").columns("Id").build())
                .join();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("5\n");
    }

    @Test
    void optionsThatDoNotApplyAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> conn.copyFromTable("out_t", new ByteArrayOutputStream(),
                CopyOptions.builder().where("id > 1").build())).isInstanceOf(InterfaceException.class)
                .hasMessageContaining("where");
        assertThatThrownBy(() -> conn.copyFromQuery("SELECT 1", new ByteArrayOutputStream(),
                CopyOptions.builder().columns("a").build())).isInstanceOf(InterfaceException.class);
    }
}
