package dev.tusk.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.codec.CodecRegistry;
import dev.tusk.internal.codec.DecodeException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arbitrary bytes given to every binary codec of {@link CodecRegistry#builtin()}: each either
 * decodes them or throws {@link DecodeException}; nothing else escapes, nothing hangs, nothing
 * allocates beyond the input's size. Runs the committed corpus in the test command
 * ({@code src/test/resources/dev/tusk/fuzz/CodecFuzzTestInputs/}); fuzzes with {@code JAZZER_FUZZ=1}.
 */
class CodecFuzzTest {

    private static final List<Codec> CODECS = builtinCodecs();

    private static List<Codec> builtinCodecs() {
        Map<Codec, Boolean> seen = new IdentityHashMap<>();
        List<Codec> codecs = new ArrayList<>();
        for (int oid = 0; oid < 8192; oid++) {
            Codec codec = CodecRegistry.builtin().forOid(oid);
            if (codec != null && seen.put(codec, Boolean.TRUE) == null) {
                codecs.add(codec);
            }
        }
        return codecs;
    }

    @FuzzTest(maxDuration = "60s")
    void everyBuiltinCodecDecodesArbitraryBytesOrThrowsDecodeException(byte[] data) {
        // the value starts one byte into the array, so that offsets are exercised too
        int offset = data.length > 0 ? 1 : 0;
        for (Codec codec : CODECS) {
            try {
                codec.decode(data, offset, data.length - offset);
            } catch (DecodeException refused) {
                // malformed input refused as Codec.decode documents: the outcome this test allows
                continue;
            }
        }
    }
}
