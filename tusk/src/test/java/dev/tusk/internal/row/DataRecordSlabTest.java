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

/** Rows of one result share a {@link RowSlab}; each still reads as its own row. */
class DataRecordSlabTest {

    private static final int INT4 = 23;
    private static final int TEXT = 25;

    private static RowDescription columns() {
        ByteBuf body = Unpooled.buffer();
        try {
            body.writeShort(2);
            for (int oid : new int[] {INT4, TEXT}) {
                body.writeBytes((oid == INT4 ? "id" : "note").getBytes(StandardCharsets.UTF_8)).writeByte(0);
                body.writeInt(0).writeShort(0).writeInt(oid).writeShort(-1).writeInt(-1).writeShort(0);
            }
            return RowDescription.read(body, body.writerIndex(), CodecRegistry.builtin());
        } finally {
            body.release();
        }
    }

    /** The body of a DataRow (id, note); a null note is SQL NULL. */
    private static ByteBuf dataRow(int id, String note) {
        ByteBuf body = Unpooled.buffer();
        body.writeShort(2);
        body.writeInt(4).writeInt(id);
        if (note == null) {
            body.writeInt(-1);
        } else {
            byte[] text = note.getBytes(StandardCharsets.UTF_8);
            body.writeInt(text.length).writeBytes(text);
        }
        return body;
    }

    private static DataRecord read(RowDescription columns, ByteBuf body, RowSlab slab) {
        try {
            return DataRecord.read(columns, body, body.writerIndex(), slab);
        } finally {
            body.release();
        }
    }

    @Test
    void rowsSharingASlabKeepTheirOwnValuesAcrossChunks() {
        RowDescription columns = columns();
        RowSlab slab = new RowSlab();
        List<DataRecord> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(read(columns, dataRow(i, i % 3 == 0 ? null : "note " + i + " 🐘"), slab));
        }
        for (int i = 0; i < rows.size(); i++) {
            DataRecord row = rows.get(i);
            assertThat(row.size()).isEqualTo(2);
            assertThat(row.getInt(0)).isEqualTo(i);
            assertThat(row.get("note")).isEqualTo(i % 3 == 0 ? null : "note " + i + " 🐘");
            assertThat(row.isNull(1)).isEqualTo(i % 3 == 0);
        }
    }

    @Test
    void aRowLargerThanAChunkGetsOneOfItsOwn() {
        RowDescription columns = columns();
        RowSlab slab = new RowSlab();
        DataRecord small = read(columns, dataRow(1, "a"), slab);
        String large = "x".repeat(RowSlab.MAX_CHUNK * 2);
        DataRecord big = read(columns, dataRow(2, large), slab);
        DataRecord after = read(columns, dataRow(3, "c"), slab);
        assertThat(small.get(1)).isEqualTo("a");
        assertThat(big.get(1)).isEqualTo(large);
        assertThat(after.get(1)).isEqualTo("c");
        assertThat(after.getInt(0)).isEqualTo(3);
    }

    @Test
    void aMalformedRowIsRefusedWithoutSpoilingTheRowsBeforeIt() {
        RowDescription columns = columns();
        RowSlab slab = new RowSlab();
        DataRecord good = read(columns, dataRow(1, "kept"), slab);
        ByteBuf bad = Unpooled.buffer().writeShort(2).writeInt(4).writeInt(9).writeInt(1000).writeByte('z');
        assertThatThrownBy(() -> read(columns, bad, slab)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("length: 1000");
        DataRecord next = read(columns, dataRow(2, "next"), slab);
        assertThat(good.get(1)).isEqualTo("kept");
        assertThat(next.get(1)).isEqualTo("next");
    }
}
