package dev.tusk.internal.codec;

import dev.tusk.types.Snapshot;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pg_snapshot} and {@code txid_snapshot} ↔ {@link Snapshot} ({@code pg_snapshot_send}): a
 * 32-bit count of in-progress transactions, 64-bit xmin and xmax, then that many 64-bit IDs.
 */
final class SnapshotCodec extends AbstractCodec {

    static final SnapshotCodec PG_SNAPSHOT = new SnapshotCodec(Oids.PG_SNAPSHOT, "pg_snapshot");
    static final SnapshotCodec TXID_SNAPSHOT = new SnapshotCodec(Oids.TXID_SNAPSHOT, "txid_snapshot");

    private static final int HEADER = 20;


    private SnapshotCodec(int oid, String typeName) {
        super(oid, typeName, Snapshot.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkMinLength(typeName(), length, HEADER);
        int count = Bytes.getInt(buf, offset);
        if (count < 0 || (long) count * 8 != length - HEADER) {
            throw new DecodeException(typeName() + " xip count: " + count + " (expected: " + (length - HEADER) / 8
                    + " for " + length + " bytes)");
        }
        List<Long> xip = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            xip.add(Bytes.getLong(buf, offset + HEADER + 8 * i));
        }
        return new Snapshot(Bytes.getLong(buf, offset + 4), Bytes.getLong(buf, offset + 12), xip);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (!(value instanceof Snapshot)) {
            throw EncodeException.wrongType("Snapshot", value);
        }
        Snapshot snapshot = (Snapshot) value;
        out.writeInt(snapshot.xip().size());
        out.writeLong(snapshot.xmin());
        out.writeLong(snapshot.xmax());
        for (long xid : snapshot.xip()) {
            out.writeLong(xid);
        }
    }
}
