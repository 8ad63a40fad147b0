package dev.tusk.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.CopyFormat;
import dev.tusk.CopyOptions;
import dev.tusk.CopySource;
import dev.tusk.Record;
import dev.tusk.exceptions.BadCopyFileFormatException;
import dev.tusk.exceptions.DataException;
import dev.tusk.exceptions.UniqueViolationException;
import dev.tusk.test.Db;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyToTableTest {

    private static final CopyOptions CSV = CopyOptions.builder().format(CopyFormat.CSV).build();

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
        conn.execute("CREATE TEMP TABLE in_t (id int PRIMARY KEY, name text, note text)").join();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    @BeforeEach
    void empty() {
        conn.execute("TRUNCATE in_t").join();
    }

    private static InputStream text(String data) {
        return new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Record> rows() {
        return conn.fetch("SELECT id, name, note FROM in_t ORDER BY id").join();
    }

    @Test
    void textFromAStreamLoadsRowsWithEscapesAndNulls() {
        String status = conn.copyToTable("in_t", text("1\tAda\t\\N\n2\ttab\\there\tline1\\nline2\n"),
                CopyOptions.defaults()).join();
        assertThat(status).isEqualTo("COPY 2");
        List<Record> rows = rows();
        assertThat(rows.get(0).get("note")).isNull();
        assertThat(rows.get(1).get("name")).isEqualTo("tab\there");
        assertThat(rows.get(1).get("note")).isEqualTo("line1\nline2");
    }

    @Test
    void csvWithQuotesEscapesEmbeddedNewlinesAndNullsLoadsEveryValueExactly() {
        String csv = "id,name,note\n1,\"quote \"\"q\"\", comma\",\"line1\nline2\"\n2,,\"\"\n";
        conn.copyToTable("in_t", text(csv), CopyOptions.builder().format(CopyFormat.CSV).header(true).build()).join();
        List<Record> rows = rows();
        assertThat(rows.get(0).get("name")).isEqualTo("quote \"q\", comma");
        assertThat(rows.get(0).get("note")).isEqualTo("line1\nline2");
        assertThat(rows.get(1).get("name")).isNull();
        assertThat(rows.get(1).get("note")).isEqualTo("");
    }

    @Test
    void csvOptionsForceNullForceNotNullQuoteEscapeDelimiterApply() {
        String csv = "1;'NULL';NULL\n2;NULL;'it\\'s'\n";
        CopyOptions options = CopyOptions.builder().format(CopyFormat.CSV).delimiter(";").quote("'").escape("\\")
                .nullString("NULL").forceNull("name").forceNotNull("note").build();
        conn.copyToTable("in_t", text(csv), options).join();
        List<Record> rows = rows();
        assertThat(rows.get(0).get("name")).isNull();
        assertThat(rows.get(0).get("note")).isEqualTo("NULL");
        assertThat(rows.get(1).get("name")).isNull();
        assertThat(rows.get(1).get("note")).isEqualTo("it's");
    }

    @Test
    void binaryRoundTripThroughCopyFromTableGivesAnIdenticalTable() {
        conn.execute("CREATE TEMP TABLE rt_src (id int, name text, amount numeric, at timestamptz, data bytea);"
                + "INSERT INTO rt_src SELECT g, 'name ' || g, g / 7.0, now() - g * interval '1 hour',"
                + " decode(md5(g::text), 'hex') FROM generate_series(1, 5000) g;"
                + "INSERT INTO rt_src VALUES (NULL, NULL, NULL, NULL, NULL);"
                + "CREATE TEMP TABLE rt_dst (LIKE rt_src)").join();
        for (CopyFormat format : CopyFormat.values()) {
            conn.execute("TRUNCATE rt_dst").join();
            CopyOptions options = CopyOptions.builder().format(format).build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(conn.copyFromTable("rt_src", out, options).join()).isEqualTo("COPY 5001");
            assertThat(conn.copyToTable("rt_dst", new ByteArrayInputStream(out.toByteArray()), options).join())
                    .isEqualTo("COPY 5001");
            long different = conn.<Long>fetchval("SELECT count(*) FROM ((SELECT * FROM rt_src EXCEPT ALL"
                    + " SELECT * FROM rt_dst) UNION ALL (SELECT * FROM rt_dst EXCEPT ALL SELECT * FROM rt_src)) d").join();
            assertThat(different).as("rows differing after a %s round trip", format).isZero();
        }
    }

    @Test
    void everyKindOfSourceLoadsItsData(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, "1,file,\n");
        conn.copyToTable("in_t", file, CSV).join();
        conn.copyToTable("in_t", CopySource.of(Channels.newChannel(text("2,channel,\n"))), CSV).join();
        conn.copyToTable("in_t", CopySource.ofByteArrays(List.of("3,ar".getBytes(StandardCharsets.UTF_8),
                "rays,\n".getBytes(StandardCharsets.UTF_8))), CSV).join();
        conn.copyToTable("in_t", CopySource.ofByteBuffers(List.of(ByteBuffer.wrap(
                "4,buffers,\n".getBytes(StandardCharsets.UTF_8))).iterator()), CSV).join();
        ListPublisher<ByteBuffer> publisher = ListPublisher.of(List.of(bytes("5,publ"), bytes("isher,\n")));
        assertThat(conn.copyToTable("in_t", CopySource.of(publisher), CSV).join()).isEqualTo("COPY 1");
        assertThat(rows()).extracting(row -> row.get("name"))
                .containsExactly("file", "channel", "arrays", "buffers", "publisher");
    }

    @Test
    void aLargeStreamIsSentInChunksAndEveryRowArrives() {
        int count = 200_000;
        InputStream generated = new InputStream() {
            private final byte[] line = new byte[64];
            private int row;
            private int position;
            private int length;

            @Override
            public int read() {
                throw new UnsupportedOperationException("read in blocks");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position == length) {
                    if (row == count) {
                        return -1;
                    }
                    row++;
                    byte[] text = (row + ",row " + row + ",\n").getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(text, 0, line, 0, text.length);
                    length = text.length;
                    position = 0;
                }
                int n = Math.min(len, length - position);
                System.arraycopy(line, position, b, off, n);
                position += n;
                return n;
            }
        };
        assertThat(conn.copyToTable("in_t", generated, CSV).join()).isEqualTo("COPY " + count);
        assertThat(conn.<Long>fetchval("SELECT sum(id) FROM in_t").join()).isEqualTo((long) count * (count + 1) / 2);
    }

    @Test
    void aSourceThatThrowsMidwayLeavesTheTableUnchangedAndTheConnectionUsable() {
        conn.execute("INSERT INTO in_t VALUES (100, 'kept', NULL)").join();
        Iterator<byte[]> failing = new Iterator<>() {
            private int sent;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public byte[] next() {
                if (sent == 1000) {
                    throw new UncheckedIOException(new IOException("network share went away"));
                }
                sent++;
                return (sent + ",row,\n").getBytes(StandardCharsets.UTF_8);
            }
        };
        assertThatThrownBy(() -> conn.copyToTable("in_t", CopySource.ofByteArrays(() -> failing), CSV).join())
                .hasCauseInstanceOf(UncheckedIOException.class).hasRootCauseMessage("network share went away");
        assertThat(rows()).extracting(row -> row.get("name")).containsExactly("kept");
        assertThat(conn.<Integer>fetchval("SELECT 3").join()).isEqualTo(3);
    }

    @Test
    void aPublisherErrorAbortsTheCopy() {
        ListPublisher<ByteBuffer> publisher = new ListPublisher<>(List.of(bytes("1,one,\n")),
                new IllegalStateException("upstream failed"));
        assertThatThrownBy(conn.copyToTable("in_t", CopySource.of(publisher), CSV)::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(rows()).isEmpty();
    }

    @Test
    void aBadRowFailsTheCallWithTheServerErrorAndTheConnectionStaysUsable() {
        assertThatThrownBy(() -> conn.copyToTable("in_t", text("1,a,\nnot a number,b,\n"), CSV).join())
                .hasCauseInstanceOf(DataException.class);
        assertThatThrownBy(() -> conn.copyToTable("in_t", text("1,a,\n1,b,\n"), CSV).join())
                .hasCauseInstanceOf(UniqueViolationException.class);
        assertThatThrownBy(() -> conn.copyToTable("in_t", text("garbage"),
                CopyOptions.builder().format(CopyFormat.BINARY).build()).join())
                .hasCauseInstanceOf(BadCopyFileFormatException.class);
        assertThat(rows()).isEmpty();
        assertThat(conn.copyToTable("in_t", text("9,fine,\n"), CSV).join()).isEqualTo("COPY 1");
    }

    @Test
    void callsMadeDuringACopyWaitForItAndAreNotTakenAsCopyData() {
        ListPublisher<ByteBuffer> publisher = ListPublisher.of(List.of(bytes("1,one,\n"), bytes("2,two,\n")));
        CompletableFuture<String> copy = conn.copyToTable("in_t", CopySource.of(publisher), CSV);
        CompletableFuture<Long> count = conn.fetchval("SELECT count(*) FROM in_t");
        CompletableFuture<String> insert = conn.execute("INSERT INTO in_t VALUES ($1, $2, NULL)", 50, "after");
        assertThat(copy.join()).isEqualTo("COPY 2");
        assertThat(count.join()).isEqualTo(2L);
        assertThat(insert.join()).isEqualTo("INSERT 0 1");
    }

    @Test
    void aTimeoutEndsAStalledCopyWithCopyFailAndTheConnectionStaysUsable() {
        java.util.concurrent.Flow.Publisher<ByteBuffer> silent = subscriber -> subscriber.onSubscribe(
                new java.util.concurrent.Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        // never produces: the COPY waits until its timeout
                    }

                    @Override
                    public void cancel() {
                        // nothing to stop
                    }
                });
        CopyOptions options = CopyOptions.builder().format(CopyFormat.CSV).timeout(java.time.Duration.ofMillis(200))
                .build();
        assertThatThrownBy(() -> conn.copyToTable("in_t", CopySource.of(silent), options).join())
                .hasCauseInstanceOf(dev.tusk.exceptions.QueryTimeoutException.class);
        assertThat(conn.<Integer>fetchval("SELECT 5").join()).isEqualTo(5);
        assertThat(rows()).isEmpty();
    }

    @Test
    void whereLoadsOnlyTheMatchingRowsAndColumnsSubsetLeavesOthersNull() {
        CopyOptions options = CopyOptions.builder().format(CopyFormat.CSV).columns("id", "name")
                .where("id % 2 = 0").build();
        assertThat(conn.copyToTable("in_t", text("1,a\n2,b\n3,c\n4,d\n"), options).join()).isEqualTo("COPY 2");
        assertThat(rows()).extracting(row -> row.get("id")).containsExactly(2, 4);
        assertThat(rows()).extracting(row -> row.get("note")).containsOnlyNulls();
    }

    @Test
    void optionValuesAreSentAsLiteralsSoQuotesInThemCannotBreakOutOfTheStatement() {
        CopyOptions options = CopyOptions.builder().format(CopyFormat.CSV).nullString("x'); DROP TABLE in_t; --")
                .build();
        conn.copyToTable("in_t", text("1,x'); DROP TABLE in_t; --,\n"), options).join();
        assertThat(rows().get(0).get("name")).isNull();
    }
}
