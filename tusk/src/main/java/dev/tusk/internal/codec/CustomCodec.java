package dev.tusk.internal.codec;

import dev.tusk.codec.CodecFormat;
import dev.tusk.codec.TypeCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A user's {@link TypeCodec} for one type. Text-format codecs are exchanged in text format
 * ({@link #format()}); binary ones in binary; tuple ones in binary through the {@link TupleFormat}
 * of the type's built-in codec. Exceptions from the user's functions become {@link EncodeException}
 * or {@link DecodeException} naming the type.
 */
final class CustomCodec extends AbstractCodec {

    private final TypeCodec<?> user;
    private final TupleFormat tuple;

    private CustomCodec(int oid, String typeName, TypeCodec<?> user, TupleFormat tuple) {
        super(oid, typeName, user.javaType());
        this.user = user;
        this.tuple = tuple;
    }

    /**
     * The codec for {@code user} on type {@code oid}; {@code builtin} is the type's existing codec,
     * needed (and required to have a tuple form) for {@link CodecFormat#TUPLE}.
     *
     * @throws IllegalArgumentException when a tuple codec is asked for a type without a tuple form
     */
    static CustomCodec of(int oid, String typeName, TypeCodec<?> user, Codec builtin) {
        TupleFormat tuple = null;
        if (user.format() == CodecFormat.TUPLE) {
            if (!(builtin instanceof TupleFormat)) {
                throw new IllegalArgumentException("type " + typeName + " has no tuple format; use text or binary");
            }
            tuple = (TupleFormat) builtin;
        }
        return new CustomCodec(oid, typeName, user, tuple);
    }

    @Override
    public int format() {
        return user.format() == CodecFormat.TEXT ? TEXT_FORMAT : BINARY_FORMAT;
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        Object form;
        switch (user.format()) {
            case TEXT:
                form = new String(buf, offset, length, StandardCharsets.UTF_8);
                break;
            case BINARY:
                form = Arrays.copyOfRange(buf, offset, offset + length);
                break;
            default:
                form = tuple.decodeTuple(buf, offset, length);
                break;
        }
        try {
            return user.decode(form);
        } catch (RuntimeException e) {
            DecodeException failure = new DecodeException("the custom decoder of " + typeName() + " failed: " + e);
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        Object form;
        try {
            form = user.encode(value);
        } catch (RuntimeException e) {
            EncodeException failure = new EncodeException("the custom encoder of " + typeName() + " failed: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        switch (user.format()) {
            case TEXT:
                if (!(form instanceof CharSequence)) {
                    throw EncodeException.wrongType("a String from the text encoder of " + typeName(), form);
                }
                ByteBufUtil.writeUtf8(out, (CharSequence) form);
                break;
            case BINARY:
                if (!(form instanceof byte[])) {
                    throw EncodeException.wrongType("a byte[] from the binary encoder of " + typeName(), form);
                }
                out.writeBytes((byte[]) form);
                break;
            default:
                if (!(form instanceof Object[])) {
                    throw EncodeException.wrongType("an Object[] from the tuple encoder of " + typeName(), form);
                }
                tuple.encodeTuple((Object[]) form, out);
                break;
        }
    }
}
