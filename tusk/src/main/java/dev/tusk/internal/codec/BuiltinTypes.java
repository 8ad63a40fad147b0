package dev.tusk.internal.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The codecs of PostgreSQL's built-in types: scalars, their arrays, ranges and multiranges, with
 * OIDs from {@code src/include/catalog/pg_type.dat} (checked against the server by the tests).
 * Types without a binary form ({@code aclitem}, which has no send function) are absent and read as
 * text.
 */
final class BuiltinTypes {

    /** Each built-in array type: its OID, its element type's OID and its name. */
    private static final Object[][] ARRAYS = {
        {143, Oids.XML, "_xml"}, {199, Oids.JSON, "_json"}, {271, Oids.XID8, "_xid8"},
        {629, Oids.LINE, "_line"}, {651, Oids.CIDR, "_cidr"}, {719, Oids.CIRCLE, "_circle"},
        {775, Oids.MACADDR8, "_macaddr8"}, {1000, Oids.BOOL, "_bool"}, {1001, Oids.BYTEA, "_bytea"},
        {1002, Oids.CHAR, "_char"}, {1003, Oids.NAME, "_name"}, {1005, Oids.INT2, "_int2"},
        {1007, Oids.INT4, "_int4"}, {1008, Oids.REGPROC, "_regproc"}, {1009, Oids.TEXT, "_text"},
        {1010, Oids.TID, "_tid"}, {1011, Oids.XID, "_xid"}, {1012, Oids.CID, "_cid"},
        {1014, Oids.BPCHAR, "_bpchar"}, {1015, Oids.VARCHAR, "_varchar"}, {1016, Oids.INT8, "_int8"},
        {1017, Oids.POINT, "_point"}, {1018, Oids.LSEG, "_lseg"}, {1019, Oids.PATH, "_path"},
        {1020, Oids.BOX, "_box"}, {1021, Oids.FLOAT4, "_float4"}, {1022, Oids.FLOAT8, "_float8"},
        {1027, Oids.POLYGON, "_polygon"}, {1028, Oids.OID, "_oid"}, {1040, Oids.MACADDR, "_macaddr"},
        {1041, Oids.INET, "_inet"}, {1115, Oids.TIMESTAMP, "_timestamp"}, {1182, Oids.DATE, "_date"},
        {1183, Oids.TIME, "_time"}, {1185, Oids.TIMESTAMPTZ, "_timestamptz"}, {1187, Oids.INTERVAL, "_interval"},
        {1231, Oids.NUMERIC, "_numeric"}, {1270, Oids.TIMETZ, "_timetz"}, {1561, Oids.BIT, "_bit"},
        {1563, Oids.VARBIT, "_varbit"}, {2201, Oids.REFCURSOR, "_refcursor"},
        {2207, Oids.REGPROCEDURE, "_regprocedure"}, {2208, Oids.REGOPER, "_regoper"},
        {2209, Oids.REGOPERATOR, "_regoperator"}, {2210, Oids.REGCLASS, "_regclass"},
        {2211, Oids.REGTYPE, "_regtype"}, {Oids.RECORD_ARRAY, Oids.RECORD, "_record"},
        {2949, Oids.TXID_SNAPSHOT, "_txid_snapshot"}, {2951, Oids.UUID, "_uuid"}, {3221, Oids.PG_LSN, "_pg_lsn"},
        {3735, Oids.REGCONFIG, "_regconfig"}, {3770, Oids.REGDICTIONARY, "_regdictionary"},
        {3807, Oids.JSONB, "_jsonb"}, {3905, Oids.INT4RANGE, "_int4range"}, {3907, Oids.NUMRANGE, "_numrange"},
        {3909, Oids.TSRANGE, "_tsrange"}, {3911, Oids.TSTZRANGE, "_tstzrange"}, {3913, Oids.DATERANGE, "_daterange"},
        {3927, Oids.INT8RANGE, "_int8range"}, {4073, Oids.JSONPATH, "_jsonpath"},
        {4090, Oids.REGNAMESPACE, "_regnamespace"}, {4097, Oids.REGROLE, "_regrole"},
        {4192, Oids.REGCOLLATION, "_regcollation"}, {5039, Oids.PG_SNAPSHOT, "_pg_snapshot"},
        {6150, Oids.INT4MULTIRANGE, "_int4multirange"}, {6151, Oids.NUMMULTIRANGE, "_nummultirange"},
        {6152, Oids.TSMULTIRANGE, "_tsmultirange"}, {6153, Oids.TSTZMULTIRANGE, "_tstzmultirange"},
        {6155, Oids.DATEMULTIRANGE, "_datemultirange"}, {6157, Oids.INT8MULTIRANGE, "_int8multirange"},
        {791, Oids.MONEY, "_money"}, {1006, Oids.INT2VECTOR, "_int2vector"}, {1013, Oids.OIDVECTOR, "_oidvector"},
        {3643, Oids.TSVECTOR, "_tsvector"}, {3645, Oids.TSQUERY, "_tsquery"},
    };

    private BuiltinTypes() {
    }

    /** The scalar codecs. */
    static List<Codec> scalars() {
        List<Codec> codecs = new ArrayList<>(List.of(
                BoolCodec.INSTANCE, ByteaCodec.INSTANCE, CharCodec.INSTANCE, Int2Codec.INSTANCE, Int4Codec.INSTANCE,
                Int8Codec.INSTANCE, OidCodec.INSTANCE, Float4Codec.INSTANCE, Float8Codec.INSTANCE,
                NumericCodec.INSTANCE, TextCodec.TEXT, TextCodec.VARCHAR, TextCodec.BPCHAR, TextCodec.NAME,
                TextCodec.XML, TextCodec.JSON, TextCodec.UNKNOWN, TextCodec.REFCURSOR, JsonbCodec.INSTANCE,
                JsonbCodec.JSONPATH, UuidCodec.INSTANCE, DateCodec.INSTANCE, TimeCodec.INSTANCE,
                TimetzCodec.INSTANCE, TimestampCodec.INSTANCE, TimestamptzCodec.INSTANCE, IntervalCodec.INSTANCE,
                VoidCodec.INSTANCE, InetCodec.INET, InetCodec.CIDR, MacaddrCodec.MACADDR, MacaddrCodec.MACADDR8,
                BitStringCodec.BIT, BitStringCodec.VARBIT, GeometryCodec.POINT, GeometryCodec.LSEG,
                GeometryCodec.BOX, GeometryCodec.LINE, GeometryCodec.CIRCLE, GeometryCodec.PATH,
                GeometryCodec.POLYGON, TidCodec.INSTANCE, Uint64Codec.XID8, Uint64Codec.PG_LSN,
                SnapshotCodec.PG_SNAPSHOT, SnapshotCodec.TXID_SNAPSHOT, MoneyCodec.INSTANCE, VectorCodec.INT2VECTOR,
                VectorCodec.OIDVECTOR, TsVectorCodec.INSTANCE, TsQueryCodec.INSTANCE));
        codecs.addAll(OidCodec.ALIASES);
        return codecs;
    }

    /** The built-in range codecs over the given scalar codecs. */
    static List<RangeCodec> ranges(CodecRegistry scalars) {
        return List.of(
                new RangeCodec(Oids.INT4RANGE, "int4range", scalars.forOid(Oids.INT4)),
                new RangeCodec(Oids.INT8RANGE, "int8range", scalars.forOid(Oids.INT8)),
                new RangeCodec(Oids.NUMRANGE, "numrange", scalars.forOid(Oids.NUMERIC)),
                new RangeCodec(Oids.TSRANGE, "tsrange", scalars.forOid(Oids.TIMESTAMP)),
                new RangeCodec(Oids.TSTZRANGE, "tstzrange", scalars.forOid(Oids.TIMESTAMPTZ)),
                new RangeCodec(Oids.DATERANGE, "daterange", scalars.forOid(Oids.DATE)));
    }

    /** The built-in multirange codecs (PostgreSQL 14+) over the given range codecs. */
    static List<Codec> multiranges(CodecRegistry ranges) {
        int[][] pairs = {
            {Oids.INT4MULTIRANGE, Oids.INT4RANGE}, {Oids.INT8MULTIRANGE, Oids.INT8RANGE},
            {Oids.NUMMULTIRANGE, Oids.NUMRANGE}, {Oids.TSMULTIRANGE, Oids.TSRANGE},
            {Oids.TSTZMULTIRANGE, Oids.TSTZRANGE}, {Oids.DATEMULTIRANGE, Oids.DATERANGE},
        };
        List<Codec> codecs = new ArrayList<>();
        for (int[] pair : pairs) {
            RangeCodec range = (RangeCodec) ranges.forOid(pair[1]);
            codecs.add(new MultirangeCodec(pair[0], range.typeName().replace("range", "multirange"), range));
        }
        return codecs;
    }

    /** The OID of each built-in array type, with its element's OID and its name, as {oid, elementOid, name}. */
    static Object[][] arrays() {
        return ARRAYS.clone();
    }
}
