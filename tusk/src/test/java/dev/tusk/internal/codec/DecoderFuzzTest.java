package dev.tusk.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decoders meet arbitrary bytes from a broken or hostile server: they answer or throw DecodeException, nothing else. */
class DecoderFuzzTest {

    private static final int ROUNDS_PER_CODEC = 3_000;

    @Test
    void everyDecoderEitherReturnsTheDeclaredTypeOrThrowsDecodeException() {
        List<Codec> codecs = new ArrayList<>();
        for (int oid = 0; oid < CodecRegistry.DIRECT_OIDS; oid++) {
            Codec codec = CodecRegistry.builtin().forOid(oid);
            if (codec != null) {
                codecs.add(codec);
            }
        }
        assertThat(codecs).hasSizeGreaterThan(140);
        Random random = new Random(8_192);
        for (Codec codec : codecs) {
            for (int i = 0; i < ROUNDS_PER_CODEC; i++) {
                byte[] row = new byte[random.nextInt(40)];
                random.nextBytes(row);
                int offset = row.length == 0 ? 0 : random.nextInt(row.length);
                int length = random.nextInt(row.length - offset + 1);
                if (codec == NumericCodec.INSTANCE && row.length >= 8 && random.nextBoolean()) {
                    makeNumericHeaderPlausible(row, random);
                    offset = 0;
                    length = row.length;
                }
                try {
                    Object value = codec.decode(row, offset, length);
                    if (value != null && !(codec == NumericCodec.INSTANCE && value instanceof Double)
                            && !(codec instanceof ArrayCodec && value instanceof dev.tusk.types.PgArray)
                            && !(codec == InetCodec.INET)) {
                        assertThat(value).isInstanceOf(codec.javaType());
                    }
                } catch (DecodeException expected) {
                    assertThat(expected.getMessage()).isNotEmpty();
                } catch (RuntimeException e) {
                    fail(codec.typeName() + " threw " + e + " for " + CodecTesting.hex(row) + " at " + offset + "+" + length, e);
                }
            }
        }
    }

    /** Random headers almost never match their length; fix ndigits so the digit checks are reached too. */
    private static void makeNumericHeaderPlausible(byte[] row, Random random) {
        int ndigits = (row.length - 8) / 2;
        row[0] = (byte) (ndigits >> 8);
        row[1] = (byte) ndigits;
        row[2] = (byte) (random.nextBoolean() ? 0x00 : 0xFF);
        row[4] = (byte) (random.nextBoolean() ? 0x00 : 0x40);
        row[5] = 0;
        row[6] = (byte) (row[6] & 0x3F);
    }
}
