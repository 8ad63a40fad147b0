package dev.tusk.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecRegistryTest {

    private final CodecRegistry builtin = CodecRegistry.builtin();

    @Test
    void everyBuiltinTypeHasACodecUnderItsOid() {
        Map<Integer, String> expected = Map.ofEntries(
                Map.entry(Oids.BOOL, "bool"), Map.entry(Oids.BYTEA, "bytea"), Map.entry(Oids.CHAR, "char"),
                Map.entry(Oids.NAME, "name"), Map.entry(Oids.INT8, "int8"), Map.entry(Oids.INT2, "int2"),
                Map.entry(Oids.INT4, "int4"), Map.entry(Oids.TEXT, "text"), Map.entry(Oids.OID, "oid"),
                Map.entry(Oids.JSON, "json"), Map.entry(Oids.XML, "xml"), Map.entry(Oids.FLOAT4, "float4"),
                Map.entry(Oids.FLOAT8, "float8"), Map.entry(Oids.UNKNOWN, "unknown"), Map.entry(Oids.BPCHAR, "bpchar"),
                Map.entry(Oids.VARCHAR, "varchar"), Map.entry(Oids.DATE, "date"), Map.entry(Oids.TIME, "time"),
                Map.entry(Oids.TIMESTAMP, "timestamp"), Map.entry(Oids.TIMESTAMPTZ, "timestamptz"),
                Map.entry(Oids.NUMERIC, "numeric"), Map.entry(Oids.UUID, "uuid"), Map.entry(Oids.JSONB, "jsonb"),
                Map.entry(Oids.VOID, "void"));
        expected.forEach((oid, name) -> {
            Codec codec = builtin.forOid(oid);
            assertThat(codec).as(name).isNotNull();
            assertThat(codec.oid()).as(name).isEqualTo(oid);
            assertThat(codec.typeName()).isEqualTo(name);
        });
    }

    @Test
    void oidConstantsMatchTheCatalog() {
        assertThat(List.of(Oids.BOOL, Oids.BYTEA, Oids.CHAR, Oids.NAME, Oids.INT8, Oids.INT2, Oids.INT4, Oids.TEXT,
                Oids.OID, Oids.JSON, Oids.XML, Oids.FLOAT4, Oids.FLOAT8, Oids.UNKNOWN, Oids.BPCHAR, Oids.VARCHAR,
                Oids.DATE, Oids.TIME, Oids.TIMESTAMP, Oids.TIMESTAMPTZ, Oids.INTERVAL, Oids.TIMETZ, Oids.NUMERIC,
                Oids.UUID, Oids.JSONB, Oids.VOID, Oids.RECORD))
                .containsExactly(16, 17, 18, 19, 20, 21, 23, 25, 26, 114, 142, 700, 701, 705, 1042, 1043, 1082, 1083,
                        1114, 1184, 1186, 1266, 1700, 2950, 3802, 2278, 2249);
        assertThat(List.of(Oids.INT4_ARRAY, Oids.TEXT_ARRAY, Oids.JSONB_ARRAY, Oids.NUMERIC_ARRAY, Oids.JSON_ARRAY,
                Oids.RECORD_ARRAY)).containsExactly(1007, 1009, 3807, 1231, 199, 2287);
    }

    @Test
    void typesWithoutACodecAndImpossibleOidsHaveNone() {
        assertThat(builtin.forOid(1033)).as("aclitem, which has no send function").isNull();
        assertThat(builtin.forOid(1034)).as("aclitem[]").isNull();
        assertThat(builtin.forOid(0)).isNull();
        assertThat(builtin.forOid(-1)).isNull();
        assertThat(builtin.forOid(8191)).isNull();
        assertThat(builtin.forOid(8192)).isNull();
        assertThat(builtin.forOid(Integer.MAX_VALUE)).isNull();
        assertThat(builtin.forOid(Integer.MIN_VALUE)).isNull();
    }

    @Test
    void aCustomCodecOnAnElementTypeRebuildsItsArraysRangesAndMultirangesAndResetRestoresThem() {
        dev.tusk.codec.TypeCodec<String> custom = dev.tusk.codec.TypeCodec.binary(String.class,
                s -> new byte[4], bytes -> "custom");
        CodecRegistry changed = builtin.withCustom(Oids.INT4, "int4", custom);
        Codec int4 = changed.forOid(Oids.INT4);
        assertThat(((ArrayCodec) changed.forOid(Oids.INT4_ARRAY)).element()).isSameAs(int4);
        assertThat(((RangeCodec) changed.forOid(Oids.INT4RANGE)).component(0)).isSameAs(int4);
        assertThat(((MultirangeCodec) changed.forOid(Oids.INT4MULTIRANGE)).component(0))
                .isSameAs(changed.forOid(Oids.INT4RANGE));
        assertThat(((ArrayCodec) changed.forOid(3905)).element()).as("int4range[]").isSameAs(changed.forOid(Oids.INT4RANGE));
        assertThat(changed.forOid(Oids.INT8RANGE)).isSameAs(builtin.forOid(Oids.INT8RANGE));

        CodecRegistry reset = changed.withoutCustom(Oids.INT4);
        assertThat(reset.forOid(Oids.INT4)).isSameAs(Int4Codec.INSTANCE);
        assertThat(((RangeCodec) reset.forOid(Oids.INT4RANGE)).component(0)).isSameAs(Int4Codec.INSTANCE);
        assertThat(((MultirangeCodec) reset.forOid(Oids.INT4MULTIRANGE)).component(0))
                .isSameAs(reset.forOid(Oids.INT4RANGE));
    }

    @Test
    void aTextCodecLeavesItsContainersWithoutACodecUntilReset() {
        CodecRegistry text = builtin.withCustom(Oids.INT4, "int4",
                dev.tusk.codec.TypeCodec.text(String.class, s -> s, s -> s));
        assertThat(text.forOid(Oids.INT4_ARRAY)).isNull();
        assertThat(text.forOid(Oids.INT4RANGE)).isNull();
        assertThat(text.forOid(Oids.INT4MULTIRANGE)).isNull();
        CodecRegistry reset = text.withoutCustom(Oids.INT4);
        assertThat(reset.forOid(Oids.INT4RANGE)).isSameAs(builtin.forOid(Oids.INT4RANGE));
        assertThat(reset.forOid(Oids.INT4MULTIRANGE)).isSameAs(builtin.forOid(Oids.INT4MULTIRANGE));
        assertThat(reset.forOid(Oids.INT4_ARRAY)).isSameAs(builtin.forOid(Oids.INT4_ARRAY));
    }

    @Test
    void builtinIsOneSharedInstance() {
        assertThat(CodecRegistry.builtin()).isSameAs(builtin);
    }

    @Test
    void withAddsCodecsAboveAndBelowTheArrayBoundLeavingTheOriginalUnchanged() {
        Codec extension = new FixedCodec(16_384, "hstore");
        Codec edge = new FixedCodec(8191, "edge");
        Codec replacement = new FixedCodec(Oids.TEXT, "text");
        CodecRegistry extended = builtin.with(List.of(extension, edge, replacement));

        assertThat(extended.forOid(16_384)).isSameAs(extension);
        assertThat(extended.forOid(8191)).isSameAs(edge);
        assertThat(extended.forOid(Oids.TEXT)).isSameAs(replacement);
        assertThat(extended.forOid(Oids.INT4)).isSameAs(Int4Codec.INSTANCE);
        assertThat(builtin.forOid(16_384)).isNull();
        assertThat(builtin.forOid(Oids.TEXT)).isSameAs(TextCodec.TEXT);
    }

    /** A stand-in for a codec supplied from outside the built-in set. */
    private static final class FixedCodec implements Codec {
        private final int oid;
        private final String name;

        FixedCodec(int oid, String name) {
            this.oid = oid;
            this.name = name;
        }

        @Override
        public int oid() {
            return oid;
        }

        @Override
        public String typeName() {
            return name;
        }

        @Override
        public Class<?> javaType() {
            return String.class;
        }

        @Override
        public Object decode(byte[] buf, int offset, int length) {
            return name;
        }

        @Override
        public void encode(Object value, ByteBuf out) {
            out.writeByte(0);
        }
    }
}
