package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * The string types whose binary form is their text in the client encoding (UTF-8): {@code text},
 * {@code varchar}, {@code bpchar}, {@code name}, {@code xml}, {@code json}, {@code refcursor} and {@code unknown},
 * all ↔ {@link String}. Takes any {@link CharSequence} or a {@link Character}.
 */
final class TextCodec extends AbstractCodec {

    static final TextCodec TEXT = new TextCodec(Oids.TEXT, "text");
    static final TextCodec VARCHAR = new TextCodec(Oids.VARCHAR, "varchar");
    static final TextCodec BPCHAR = new TextCodec(Oids.BPCHAR, "bpchar");
    static final TextCodec NAME = new TextCodec(Oids.NAME, "name");
    static final TextCodec XML = new TextCodec(Oids.XML, "xml");
    static final TextCodec JSON = new TextCodec(Oids.JSON, "json");
    static final TextCodec UNKNOWN = new TextCodec(Oids.UNKNOWN, "unknown");
    static final TextCodec REFCURSOR = new TextCodec(Oids.REFCURSOR, "refcursor");


    /** A codec for another type whose binary form is its text, such as an enum or {@code citext}. */
    static TextCodec named(int oid, String typeName) {
        return new TextCodec(oid, typeName);
    }

    private TextCodec(int oid, String typeName) {
        super(oid, typeName, String.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        return new String(buf, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        writeText(value, typeName(), out);
    }

    /**
     * Writes {@code value} as UTF-8. PostgreSQL cannot store a NUL character in any string type,
     * so one is refused here, before the server would fail the statement (and the transaction).
     */
    static void writeText(Object value, String typeName, ByteBuf out) {
        CharSequence text;
        if (value instanceof CharSequence) {
            text = (CharSequence) value;
        } else if (value instanceof Character) {
            text = String.valueOf((char) (Character) value);
        } else if (value instanceof Enum) {
            text = ((Enum<?>) value).name();
        } else {
            throw EncodeException.wrongType("String, another CharSequence, Character or enum constant for " + typeName, value);
        }
        int start = out.writerIndex();
        ByteBufUtil.writeUtf8(out, text);
        int nul = out.indexOf(start, out.writerIndex(), (byte) 0);
        if (nul >= 0) {
            out.writerIndex(start);
            throw new EncodeException(typeName + " cannot contain a NUL character (\\u0000); found one at UTF-8 byte "
                    + (nul - start));
        }
    }
}
