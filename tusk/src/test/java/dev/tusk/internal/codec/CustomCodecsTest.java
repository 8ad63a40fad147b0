package dev.tusk.internal.codec;

import static dev.tusk.internal.codec.CodecTesting.decode;
import static dev.tusk.internal.codec.CodecTesting.encode;
import static dev.tusk.internal.codec.CodecTesting.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.codec.TypeCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry side of set_type_codec, reset_type_codec, set_builtin_type_codec and introspected types. */
class CustomCodecsTest {

    private final CodecRegistry builtin = CodecRegistry.builtin();

    @Test
    void aTupleCodecWorksOnTheBuiltinBinaryFieldsAndItsArrayFollows() {
        TypeCodec<Duration> micros = TypeCodec.tuple(Duration.class,
                d -> new Object[] {0, 0, d.toNanos() / 1000}, t -> Duration.ofNanos((Long) t[2] * 1000));
        CodecRegistry custom = builtin.withCustom(Oids.INTERVAL, "interval", micros);
        Codec interval = custom.forOid(Oids.INTERVAL);
        assertThat(hex(encode(interval, Duration.ofSeconds(1)))).isEqualTo("00 00 00 00 00 0f 42 40 00 00 00 00 00 00 00 00");
        assertThat(decode(interval, encode(interval, Duration.ofMillis(5)))).isEqualTo(Duration.ofMillis(5));
        assertThat(((ArrayCodec) custom.forOid(Oids.INTERVAL_ARRAY)).element()).isSameAs(interval);
        assertThat(builtin.forOid(Oids.INTERVAL)).isSameAs(IntervalCodec.INSTANCE);

        CodecRegistry reset = custom.withoutCustom(Oids.INTERVAL);
        assertThat(reset.forOid(Oids.INTERVAL)).isSameAs(IntervalCodec.INSTANCE);
        assertThat(((ArrayCodec) reset.forOid(Oids.INTERVAL_ARRAY)).element()).isSameAs(IntervalCodec.INSTANCE);
    }

    @Test
    void aTextCodecAsksForTextFormatAndItsArrayFallsBackToText() {
        TypeCodec<StringBuilder> text = TypeCodec.text(StringBuilder.class, StringBuilder::toString, StringBuilder::new);
        CodecRegistry custom = builtin.withCustom(Oids.POINT, "point", text);
        Codec point = custom.forOid(Oids.POINT);
        assertThat(point.format()).isEqualTo(Codec.TEXT_FORMAT);
        assertThat(decode(point, "(1,2)".getBytes(StandardCharsets.UTF_8)).toString()).isEqualTo("(1,2)");
        assertThat(custom.forOid(1017)).as("point[]").isNull();
    }

    @Test
    void tupleCodecsAreRefusedForTypesWithoutATupleForm() {
        TypeCodec<Object> tuple = TypeCodec.tuple(Object.class, v -> new Object[0], t -> t);
        assertThatThrownBy(() -> builtin.withCustom(Oids.UUID, "uuid", tuple))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("type uuid has no tuple format; use text or binary");
    }

    @Test
    void encoderFailuresNameTheType() {
        TypeCodec<String> binary = TypeCodec.binary(String.class, s -> {
            throw new IllegalStateException("boom");
        }, b -> "x");
        Codec codec = builtin.withCustom(20_000, "thing", binary).forOid(20_000);
        assertThatThrownBy(() -> encode(codec, "a")).isInstanceOf(EncodeException.class)
                .hasMessage("the custom encoder of thing failed: boom");
        assertThatThrownBy(() -> encode(codec, 1)).isInstanceOf(EncodeException.class)
                .hasMessageContaining("expected java.lang.String, got java.lang.Integer");
    }

    @Test
    void aBuiltinTypeCodecMakesAnExtensionTypeReadLikeTheBuiltin() {
        CodecRegistry citext = builtin.withBuiltinTypeCodec(30_000, "citext", "text");
        assertThat(decode(citext.forOid(30_000), "Hi".getBytes(StandardCharsets.UTF_8))).isEqualTo("Hi");
        assertThatThrownBy(() -> builtin.withBuiltinTypeCodec(30_000, "citext", "nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no built-in codec named \"nope\"");
    }

    @Test
    void introspectedHstoreAndTextLikeTypesGetCodecsAndUnknownBaseTypesDoNot() {
        List<TypeInfo> infos = List.of(
                new TypeInfo(40_000, "hstore", "public", TypeInfo.Kind.BASE, 0, 0, 0, 0, "hstore_send", List.of(), List.of()),
                new TypeInfo(40_001, "_hstore", "public", TypeInfo.Kind.ARRAY, 40_000, 0, 0, 0, "array_send", List.of(), List.of()),
                new TypeInfo(40_002, "citext", "public", TypeInfo.Kind.BASE, 0, 0, 0, 0, "citextsend", List.of(), List.of()),
                new TypeInfo(40_003, "ltree", "public", TypeInfo.Kind.BASE, 0, 0, 0, 0, "ltree_send", List.of(), List.of()),
                new TypeInfo(40_004, "pair", "public", TypeInfo.Kind.COMPOSITE, 0, 0, 0, 0, "record_send",
                        List.of("a", "b"), List.of(Oids.INT4, 40_003)));
        CodecRegistry registry = builtin.withTypes(infos);
        Codec hstore = registry.forOid(40_000);
        Map<String, String> map = new java.util.LinkedHashMap<>();
        map.put("k", "v");
        map.put("n", null);
        assertThat(decode(hstore, encode(hstore, map))).isEqualTo(map);
        assertThat(registry.forOid(40_001)).isInstanceOf(ArrayCodec.class);
        assertThat(registry.arrayTypeOf(40_000)).isEqualTo(40_001);
        assertThat(registry.forOid(40_002).typeName()).isEqualTo("citext");
        assertThat(registry.forOid(40_003)).isNull();
        assertThat(registry.forOid(40_004)).as("a composite with an attribute of unknown binary form").isNull();
        assertThatThrownBy(() -> decode(hstore, hex("3b 9a ca 00"))).isInstanceOf(DecodeException.class)
                .hasMessage("hstore pair count: 1000000000 (expected: 0..0 for 4 bytes)");
    }
}
