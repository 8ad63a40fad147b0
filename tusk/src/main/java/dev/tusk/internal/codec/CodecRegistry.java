package dev.tusk.internal.codec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The codecs known to a connection, found by type OID. Immutable and thread-safe. Built-in types
 * all have OIDs below {@value #DIRECT_OIDS} and are found by indexing an array, so looking up a
 * column's codec costs no hashing or boxing; higher OIDs (types created by extensions and users)
 * go through a small map.
 */
public final class CodecRegistry {

    /** OIDs below this are looked up in an array; PostgreSQL assigns its built-in OIDs below 8192. */
    static final int DIRECT_OIDS = 8192;

    private static final CodecRegistry BUILTIN = new CodecRegistry(new Codec[DIRECT_OIDS], Map.of()).with(List.of(
            BoolCodec.INSTANCE,
            ByteaCodec.INSTANCE,
            CharCodec.INSTANCE,
            Int2Codec.INSTANCE,
            Int4Codec.INSTANCE,
            Int8Codec.INSTANCE,
            OidCodec.INSTANCE,
            Float4Codec.INSTANCE,
            Float8Codec.INSTANCE,
            NumericCodec.INSTANCE,
            TextCodec.TEXT,
            TextCodec.VARCHAR,
            TextCodec.BPCHAR,
            TextCodec.NAME,
            TextCodec.XML,
            TextCodec.JSON,
            TextCodec.UNKNOWN,
            JsonbCodec.INSTANCE,
            UuidCodec.INSTANCE,
            DateCodec.INSTANCE,
            TimeCodec.INSTANCE,
            TimestampCodec.INSTANCE,
            TimestamptzCodec.INSTANCE,
            VoidCodec.INSTANCE));

    private final Codec[] direct;
    private final Map<Integer, Codec> others;

    private CodecRegistry(Codec[] direct, Map<Integer, Codec> others) {
        this.direct = direct;
        this.others = others;
    }

    /** The shared registry of the codecs for PostgreSQL's built-in types. */
    public static CodecRegistry builtin() {
        return BUILTIN;
    }

    /** The codec for type {@code oid}, or null when this registry has none (the value is then read as text). */
    public Codec forOid(int oid) {
        if (oid >= 0 && oid < DIRECT_OIDS) {
            return direct[oid];
        }
        return others.isEmpty() ? null : others.get(oid);
    }

    /**
     * A new registry holding this one's codecs and {@code codecs}, each of which replaces any codec
     * already registered for its OID. This registry is unchanged.
     */
    public CodecRegistry with(List<? extends Codec> codecs) {
        Codec[] newDirect = Arrays.copyOf(direct, DIRECT_OIDS);
        Map<Integer, Codec> newOthers = new HashMap<>(others);
        for (Codec codec : codecs) {
            int oid = codec.oid();
            if (oid >= 0 && oid < DIRECT_OIDS) {
                newDirect[oid] = codec;
            } else {
                newOthers.put(oid, codec);
            }
        }
        return new CodecRegistry(newDirect, Map.copyOf(newOthers));
    }
}
