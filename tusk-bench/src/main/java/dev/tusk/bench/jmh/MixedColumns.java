package dev.tusk.bench.jmh;

import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.codec.CodecRegistry;
import dev.tusk.internal.protocol.RowDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The ten mixed columns the micro-benchmarks decode and encode (int4, int8, float8, text of 30
 * characters, timestamptz, bool, int2, numeric, uuid, date), with one value each, and the wire
 * messages that carry them, built with Tusk's own codecs.
 */
public final class MixedColumns {

    /** The columns' type OIDs. */
    public static final int[] OIDS = {23, 20, 701, 25, 1184, 16, 21, 1700, 2950, 1082};

    private MixedColumns() {
    }

    /** One value per column, of the Java type Tusk decodes it to. */
    public static Object[] values() {
        return new Object[] {
            42,
            1_234_567_890_123L,
            3.14159,
            "a text value of 30 characters.",
            OffsetDateTime.of(2024, 5, 17, 13, 45, 12, 123_456_000, ZoneOffset.UTC),
            true,
            (short) 7,
            new BigDecimal("12345.6789"),
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            LocalDate.of(2024, 5, 17)
        };
    }

    /** The built-in codec of each column. */
    public static Codec[] codecs() {
        Codec[] codecs = new Codec[OIDS.length];
        for (int i = 0; i < OIDS.length; i++) {
            codecs[i] = CodecRegistry.builtin().forOid(OIDS[i]);
        }
        return codecs;
    }

    /** The columns as Tusk reads them from a RowDescription message. */
    public static RowDescription rowDescription() {
        ByteBuf body = Unpooled.buffer();
        try {
            body.writeShort(OIDS.length);
            for (int i = 0; i < OIDS.length; i++) {
                body.writeBytes(("c" + i).getBytes(StandardCharsets.UTF_8)).writeByte(0);
                body.writeInt(0).writeShort(0).writeInt(OIDS[i]).writeShort(-1).writeInt(-1).writeShort(0);
            }
            return RowDescription.read(body, body.writerIndex(), CodecRegistry.builtin());
        } finally {
            body.release();
        }
    }

    /** Writes the body (after the length) of a DataRow message carrying {@link #values()}. */
    public static void writeDataRowBody(ByteBuf out) {
        Object[] values = values();
        Codec[] codecs = codecs();
        out.writeShort(values.length);
        for (int i = 0; i < values.length; i++) {
            int lengthIndex = out.writerIndex();
            out.writeInt(0);
            codecs[i].encode(values[i], out);
            out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
        }
    }

    /** Writes a whole DataRow message (type, length, body). */
    public static void writeDataRow(ByteBuf out) {
        int start = out.writerIndex();
        out.writeByte('D').writeInt(0);
        writeDataRowBody(out);
        out.setInt(start + 1, out.writerIndex() - start - 1);
    }
}
