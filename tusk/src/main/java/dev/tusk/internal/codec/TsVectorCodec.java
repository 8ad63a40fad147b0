package dev.tusk.internal.codec;

import dev.tusk.types.TsVector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tsvector} ↔ {@link TsVector} ({@code tsvectorsend}): a 32-bit count of lexemes, then each
 * lexeme as NUL-terminated UTF-8, a 16-bit count of positions and each position as 16 bits (weight
 * in the top two, position in the low fourteen). Arguments may be a TsVector or a String in the
 * server's text syntax, parsed as {@code tsvectorin} would.
 */
final class TsVectorCodec extends AbstractCodec {

    static final TsVectorCodec INSTANCE = new TsVectorCodec();

    private TsVectorCodec() {
        super(Oids.TSVECTOR, "tsvector", TsVector.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkMinLength("tsvector", length, 4);
        int count = Bytes.getInt(buf, offset);
        // Each lexeme takes at least its NUL and its 2-byte position count.
        if (count < 0 || count > (length - 4) / 3) {
            throw new DecodeException("tsvector lexeme count: " + count + " (expected: 0.." + (length - 4) / 3
                    + " for " + length + " bytes)");
        }
        int at = offset + 4;
        int end = offset + length;
        List<TsVector.Lexeme> lexemes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int nul = TsQueryCodec.findNul(buf, at, end, "tsvector");
            String word = new String(buf, at, nul - at, StandardCharsets.UTF_8);
            at = nul + 1;
            if (end - at < 2) {
                throw new DecodeException("tsvector ends inside the position count of lexeme " + i);
            }
            int positionCount = Bytes.getUnsignedShort(buf, at);
            at += 2;
            if (positionCount > TsVector.Lexeme.MAX_POSITIONS || positionCount > (end - at) / 2) {
                throw new DecodeException("tsvector lexeme " + i + " position count: " + positionCount + " (expected: 0.."
                        + Math.min(TsVector.Lexeme.MAX_POSITIONS, (end - at) / 2) + ")");
            }
            List<TsVector.Position> positions = new ArrayList<>(positionCount);
            for (int p = 0; p < positionCount; p++) {
                int entry = Bytes.getUnsignedShort(buf, at);
                at += 2;
                positions.add(position(entry & 0x3FFF, entry >>> 14));
            }
            lexemes.add(lexeme(word, positions));
        }
        if (at != end) {
            throw new DecodeException("tsvector has " + (end - at) + " bytes after its last lexeme");
        }
        return vector(lexemes);
    }

    private static TsVector.Position position(int position, int weightCode) {
        if (position < 1) {
            throw new DecodeException("tsvector position: " + position + " (expected: 1.." + TsVector.Position.MAX + ")");
        }
        return new TsVector.Position(position, TsVector.Weight.ofCode(weightCode));
    }

    private static TsVector.Lexeme lexeme(String word, List<TsVector.Position> positions) {
        try {
            return new TsVector.Lexeme(word, positions);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
    }

    private static TsVector vector(List<TsVector.Lexeme> lexemes) {
        try {
            return new TsVector(lexemes);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        TsVector vector;
        if (value instanceof TsVector) {
            vector = (TsVector) value;
        } else if (value instanceof CharSequence) {
            try {
                vector = TsVector.parse(value.toString());
            } catch (IllegalArgumentException e) {
                throw new EncodeException(e.getMessage());
            }
        } else {
            throw EncodeException.wrongType("TsVector or its text form for tsvector", value);
        }
        out.writeInt(vector.lexemes().size());
        for (TsVector.Lexeme lexeme : vector.lexemes()) {
            ByteBufUtil.writeUtf8(out, lexeme.word());
            out.writeByte(0);
            out.writeShort(lexeme.positions().size());
            for (TsVector.Position position : lexeme.positions()) {
                out.writeShort(position.weight().code() << 14 | position.position());
            }
        }
    }
}
