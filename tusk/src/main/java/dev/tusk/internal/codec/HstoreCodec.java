package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code hstore} extension type ↔ {@code Map<String, String>} ({@code hstore_send}): a 32-bit
 * count of pairs, then each key as a 32-bit length and UTF-8 bytes, and each value likewise with
 * length -1 for NULL. Its OID differs per database, so the codec is made when introspection finds
 * a base type whose send function is {@code hstore_send}.
 */
final class HstoreCodec extends AbstractCodec {


    HstoreCodec(int oid, String typeName) {
        super(oid, typeName, Map.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkMinLength(typeName(), length, 4);
        int count = Bytes.getInt(buf, offset);
        // Each pair takes at least two 4-byte lengths.
        if (count < 0 || count > (length - 4) / 8) {
            throw new DecodeException(typeName() + " pair count: " + count + " (expected: 0.." + (length - 4) / 8
                    + " for " + length + " bytes)");
        }
        Map<String, String> map = new LinkedHashMap<>();
        int[] position = {offset + 4};
        int end = offset + length;
        for (int i = 0; i < count; i++) {
            String key = readString(buf, position, end, false);
            map.put(key, readString(buf, position, end, true));
        }
        if (position[0] != end) {
            throw new DecodeException(typeName() + " has " + (end - position[0]) + " bytes after its last pair");
        }
        return Collections.unmodifiableMap(map);
    }

    private String readString(byte[] buf, int[] position, int end, boolean nullable) {
        int at = position[0];
        if (end - at < 4) {
            throw new DecodeException(typeName() + " ends inside the length of a key or value");
        }
        int size = Bytes.getInt(buf, at);
        if (size == -1 && nullable) {
            position[0] = at + 4;
            return null;
        }
        if (size < 0 || size > end - at - 4) {
            throw new DecodeException(typeName() + " string length: " + size + " (expected: " + (nullable ? "-1" : "0")
                    + ".." + (end - at - 4) + ")");
        }
        position[0] = at + 4 + size;
        return new String(buf, at + 4, size, StandardCharsets.UTF_8);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (!(value instanceof Map)) {
            throw EncodeException.wrongType("Map<String, String>", value);
        }
        Map<?, ?> map = (Map<?, ?>) value;
        int start = out.writerIndex();
        out.writeInt(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof CharSequence)) {
                out.writerIndex(start);
                throw new EncodeException(typeName() + " keys must be non-null Strings, got "
                        + EncodeException.describeJavaType(entry.getKey()));
            }
            writeString((CharSequence) entry.getKey(), out);
            Object item = entry.getValue();
            if (item == null) {
                out.writeInt(-1);
            } else {
                writeString(item.toString(), out);
            }
        }
    }

    private static void writeString(CharSequence text, ByteBuf out) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        ByteBufUtil.writeUtf8(out, text);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }
}
