package dev.tusk.internal.codec;

import dev.tusk.types.Lsn;
import io.netty.buffer.ByteBuf;

/**
 * The unsigned 64-bit types: {@code xid8} ↔ {@link Long} (a 64-bit transaction ID, epoch in the
 * high half; real ones stay far below 2^63, and a larger value fails to read rather than turn
 * negative) and {@code pg_lsn} ↔ {@link Lsn}. Encoding xid8 takes
 * any integral number from 0 to {@link Long#MAX_VALUE}; pg_lsn takes an Lsn or its text form.
 */
final class Uint64Codec extends AbstractCodec {

    static final Uint64Codec XID8 = new Uint64Codec(Oids.XID8, "xid8", Long.class);
    static final Uint64Codec PG_LSN = new Uint64Codec(Oids.PG_LSN, "pg_lsn", Lsn.class);


    private Uint64Codec(int oid, String typeName, Class<?> javaType) {
        super(oid, typeName, javaType);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength(typeName(), length, 8);
        long value = Bytes.getLong(buf, offset);
        if (javaType() == Lsn.class) {
            return new Lsn(value);
        }
        if (value < 0) {
            throw new DecodeException("xid8 value " + Long.toUnsignedString(value) + " is above Long.MAX_VALUE"
                    + " (read it as text: col::text)");
        }
        return value;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (javaType() == Long.class) {
            out.writeLong(IntegerArguments.exactValue(value, typeName(), 0, Long.MAX_VALUE));
        } else if (value instanceof Lsn) {
            out.writeLong(((Lsn) value).value());
        } else if (value instanceof CharSequence) {
            try {
                out.writeLong(Lsn.parse(value.toString()).value());
            } catch (IllegalArgumentException e) {
                throw new EncodeException(e.getMessage());
            }
        } else {
            throw EncodeException.wrongType("Lsn or its text form XXXXXXXX/XXXXXXXX", value);
        }
    }
}
