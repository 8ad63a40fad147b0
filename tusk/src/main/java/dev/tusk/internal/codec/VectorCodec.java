package dev.tusk.internal.codec;

import dev.tusk.types.PgArray;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The catalog vector types {@code int2vector} ({@code List<Short>}) and {@code oidvector}
 * ({@code List<Long>}), whose binary form is {@code array_send}'s for a one-dimensional array
 * without NULLs and with lower bound 0. They read as plain lists, like {@code int2[]} and
 * {@code oid[]}: the lower bound is always 0, so dropping it loses nothing (any other shape the
 * server sends is read as an array of that shape). Arguments are what
 * arrays accept (Java arrays, collections), sent with lower bound 0 as {@code int2vectorrecv} and
 * {@code oidvectorrecv} require. An empty vector is read but cannot be sent: its binary form is an
 * array without dimensions, which those functions refuse.
 */
final class VectorCodec extends AbstractCodec {

    static final VectorCodec INT2VECTOR = new VectorCodec(Oids.INT2VECTOR, "int2vector", Int2Codec.INSTANCE);
    static final VectorCodec OIDVECTOR = new VectorCodec(Oids.OIDVECTOR, "oidvector", OidCodec.INSTANCE);

    /** Where {@code array_send} puts the lower bound of the first dimension. */
    private static final int FIRST_LOWER_BOUND = 16;

    private static final List<Integer> ZERO_BASED = List.of(0);

    private final ArrayCodec array;

    private VectorCodec(int oid, String typeName, Codec element) {
        super(oid, typeName, List.class);
        this.array = new ArrayCodec(oid, typeName, element);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        Object decoded = array.decode(buf, offset, length);
        if (decoded instanceof PgArray && ((PgArray) decoded).lowerBounds().equals(ZERO_BASED)) {
            return ((PgArray) decoded).values();
        }
        // Not the usual shape (PostgreSQL 13 and older label ARRAY[int2vector] a 2-D int2vector): kept whole.
        return decoded;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        int start = out.writerIndex();
        array.encode(value, out);
        int dimensions = out.getInt(start);
        boolean hasNulls = out.getInt(start + 4) != 0;
        if (dimensions > 1 || hasNulls) {
            out.writerIndex(start);
            throw new EncodeException(typeName() + " value has " + dimensions + " dimensions"
                    + (hasNulls ? " and NULLs" : "") + " (expected: one dimension without NULLs)");
        }
        if (dimensions == 0) {
            out.writerIndex(start);
            throw new EncodeException("an empty " + typeName() + " cannot be sent in binary: PostgreSQL's "
                    + typeName() + "recv refuses an array without dimensions; write ''::" + typeName()
                    + " in the SQL instead");
        }
        out.setInt(start + FIRST_LOWER_BOUND, 0);
    }
}
