package dev.tusk.internal.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.internal.codec.CodecRegistry;
import dev.tusk.internal.protocol.MalformedMessageException;
import dev.tusk.internal.protocol.RowDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading DataRow bodies of (int4, text, int4) in binary, each row after the one before it, as a
 * result's rows are read: rows whose values before each column have the same lengths share their
 * column offsets, and a row that differs never disturbs the rows read before it.
 */
class DataRecordTest {

    private static final RowDescription COLUMNS = columns(23, 25, 23);

    @Test
    void rowsReadOneAfterAnotherKeepTheirOwnValuesWhateverTheLengths() {
        Object[][] values = {
            {1, "ab", 2},
            {3, "cd", 4},          // same lengths as the row before: offsets shared
            {5, "longer", 6},      // the third column moves
            {null, "x", 7},        // a NULL first column moves the second and the third
            {8, "ab", 9},
            {10, "ab", null},      // a NULL last column moves nothing
            {11, "", 12},
        };
        List<DataRecord> rows = new ArrayList<>();
        DataRecord previous = null;
        for (Object[] row : values) {
            ByteBuf body = dataRow(row);
            previous = DataRecord.read(COLUMNS, body, body.writerIndex(), previous);
            rows.add(previous);
            body.release();
        }
        for (int r = 0; r < values.length; r++) {
            DataRecord row = rows.get(r);
            assertThat(row.get(0)).as("row %d column 0", r).isEqualTo(values[r][0]);
            assertThat(row.get(1)).as("row %d column 1", r).isEqualTo(values[r][1]);
            assertThat(row.get(2)).as("row %d column 2", r).isEqualTo(values[r][2]);
        }
    }

    @Test
    void aMalformedRowAfterAGoodOneIsStillRefused() {
        ByteBuf good = dataRow(new Object[] {1, "ab", 2});
        DataRecord first = DataRecord.read(COLUMNS, good, good.writerIndex(), null);
        good.release();

        ByteBuf tooLong = Unpooled.buffer().writeShort(3).writeInt(4).writeInt(1).writeInt(50).writeBytes(new byte[2]);
        assertThatThrownBy(() -> DataRecord.read(COLUMNS, tooLong, tooLong.writerIndex(), first))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("column 1 length: 50");

        ByteBuf trailing = dataRow(new Object[] {1, "ab", 2}).writeByte(0);
        assertThatThrownBy(() -> DataRecord.read(COLUMNS, trailing, trailing.writerIndex(), first))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("1 bytes after its last column");
        assertThat(first.get(1)).isEqualTo("ab");
    }

    private static ByteBuf dataRow(Object[] values) {
        ByteBuf body = Unpooled.buffer();
        body.writeShort(values.length);
        for (Object value : values) {
            if (value == null) {
                body.writeInt(-1);
            } else if (value instanceof Integer number) {
                body.writeInt(4).writeInt(number);
            } else {
                byte[] text = ((String) value).getBytes(StandardCharsets.UTF_8);
                body.writeInt(text.length).writeBytes(text);
            }
        }
        return body;
    }

    /** A RowDescription of binary columns of the given type OIDs. */
    private static RowDescription columns(int... oids) {
        ByteBuf body = Unpooled.buffer();
        try {
            body.writeShort(oids.length);
            for (int i = 0; i < oids.length; i++) {
                body.writeBytes(("c" + i).getBytes(StandardCharsets.UTF_8)).writeByte(0);
                body.writeInt(0).writeShort(0).writeInt(oids[i]).writeShort(-1).writeInt(-1).writeShort(1);
            }
            return RowDescription.read(body, body.writerIndex(), CodecRegistry.builtin());
        } finally {
            body.release();
        }
    }
}
