package dev.tusk.internal.codec;

import dev.tusk.Column;
import dev.tusk.Record;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The anonymous {@code record} type, as {@code SELECT ROW(1, 'a')} returns it. Its binary form is
 * a composite's, and since each attribute carries its type OID, every attribute is decoded with
 * the codec the registry has for that OID; the attributes are named {@code f1}, {@code f2}, ...
 * as PostgreSQL names them. An attribute of a type without a codec becomes a String when its bytes
 * are valid UTF-8 (enums, and types whose binary form is their text) and the raw {@code byte[]}
 * otherwise. PostgreSQL cannot read anonymous records, so they cannot be encoded.
 */
final class RecordCodec extends AbstractCodec {

    private final CodecRegistry registry;

    RecordCodec(CodecRegistry registry) {
        super(Oids.RECORD, "record", Record.class);
        this.registry = registry;
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        int count = CompositeCodec.readCount("record", buf, offset, length);
        Object[] values = new Object[count];
        String[] names = new String[count];
        Column[] columns = new Column[count];
        int at = offset + 4;
        int end = offset + length;
        for (int i = 0; i < count; i++) {
            CompositeCodec.checkField("record", buf, at, end, i);
            int fieldOid = Bytes.getInt(buf, at);
            int size = Bytes.getInt(buf, at + 4);
            at += 8;
            names[i] = "f" + (i + 1);
            Codec codec = registry.forOid(fieldOid);
            boolean decodable = codec != null && codec.format() == BINARY_FORMAT;
            columns[i] = CodecColumns.of(names[i], fieldOid, decodable ? codec : null, Object.class);
            if (size != -1) {
                values[i] = decodable ? codec.decode(buf, at, size) : textOrBytes(buf, at, size);
                at += size;
            }
        }
        CompositeCodec.checkEnd("record", at, end);
        return new CompositeRecord(List.of(columns), List.copyOf(Arrays.asList(names)), values);
    }

    private static Object textOrBytes(byte[] buf, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return Arrays.copyOfRange(buf, offset, offset + length);
        }
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        throw new EncodeException("PostgreSQL cannot read a value of the anonymous type record; cast the parameter "
                + "to a named composite type");
    }

}
