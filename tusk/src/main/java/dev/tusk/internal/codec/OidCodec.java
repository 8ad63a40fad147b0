package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * {@code oid} and the other unsigned 32-bit types ↔ {@link Long}, so values above 2^31 stay
 * positive: the OID aliases ({@code regclass}, {@code regtype}, {@code regproc}, ...), whose
 * binary form is the bare OID (only their text form shows a name), and the transaction and
 * command counters {@code xid} and {@code cid}.
 */
final class OidCodec extends AbstractCodec {

    static final OidCodec INSTANCE = new OidCodec(Oids.OID, "oid");

    /** Every unsigned 32-bit type other than oid itself. */
    static final List<OidCodec> ALIASES = List.of(
            new OidCodec(Oids.REGPROC, "regproc"),
            new OidCodec(Oids.REGPROCEDURE, "regprocedure"),
            new OidCodec(Oids.REGOPER, "regoper"),
            new OidCodec(Oids.REGOPERATOR, "regoperator"),
            new OidCodec(Oids.REGCLASS, "regclass"),
            new OidCodec(Oids.REGTYPE, "regtype"),
            new OidCodec(Oids.REGCONFIG, "regconfig"),
            new OidCodec(Oids.REGDICTIONARY, "regdictionary"),
            new OidCodec(Oids.REGNAMESPACE, "regnamespace"),
            new OidCodec(Oids.REGROLE, "regrole"),
            new OidCodec(Oids.REGCOLLATION, "regcollation"),
            new OidCodec(Oids.XID, "xid"),
            new OidCodec(Oids.CID, "cid"));

    private static final long MAX_OID = 0xFFFF_FFFFL;


    private OidCodec(int oid, String typeName) {
        super(oid, typeName, Long.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength(typeName(), length, 4);
        return Bytes.getInt(buf, offset) & MAX_OID;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        out.writeInt((int) IntegerArguments.exactValue(value, typeName(), 0, MAX_OID));
    }
}
