package dev.tusk.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/** Reading and writing the protocol's primitive fields with every bound checked. */
public final class Wire {

    /** The largest message the protocol allows a frontend to send (libpq's limit). */
    public static final int MAX_OUTGOING_MESSAGE = 0x3FFFFFFF;

    private Wire() {
    }

    /**
     * Reads a NUL-terminated UTF-8 string that must end before {@code end}.
     *
     * @throws MalformedMessageException when no terminator lies within the message
     */
    public static String readCString(ByteBuf buf, int end) {
        int start = buf.readerIndex();
        int nul = buf.indexOf(start, end, (byte) 0);
        if (nul < 0) {
            throw new MalformedMessageException("string field is not NUL-terminated within its message");
        }
        String value = buf.toString(start, nul - start, StandardCharsets.UTF_8);
        buf.readerIndex(nul + 1);
        return value;
    }

    /** Reads an int32, checking that four bytes remain before {@code end}. */
    public static int readInt(ByteBuf buf, int end) {
        require(buf, end, 4);
        return buf.readInt();
    }

    /** Reads an int16, checking that two bytes remain before {@code end}. */
    public static short readShort(ByteBuf buf, int end) {
        require(buf, end, 2);
        return buf.readShort();
    }

    /** Reads one byte, checking that it lies before {@code end}. */
    public static byte readByte(ByteBuf buf, int end) {
        require(buf, end, 1);
        return buf.readByte();
    }

    /** Fails unless {@code count} bytes remain between the reader index and {@code end}. */
    public static void require(ByteBuf buf, int end, long count) {
        long remaining = (long) end - buf.readerIndex();
        if (count < 0 || count > remaining) {
            throw new MalformedMessageException(
                    "field length: " + count + " (expected: <= " + remaining + " remaining bytes)");
        }
    }

    /** Writes a string as UTF-8 followed by NUL; the string must not contain NUL. */
    public static void writeCString(ByteBuf out, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a protocol string must not contain a NUL character");
        }
        ByteBufUtil.writeUtf8(out, value);
        out.writeByte(0);
    }

    /** Starts a message: writes its type byte and a length placeholder, returns the length's index. */
    public static int beginMessage(ByteBuf out, byte type) {
        out.writeByte(type);
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        return lengthIndex;
    }

    /** Fills in the length of a message begun at {@code lengthIndex}, refusing oversized messages. */
    public static void endMessage(ByteBuf out, int lengthIndex) {
        long length = (long) out.writerIndex() - lengthIndex;
        if (length > MAX_OUTGOING_MESSAGE) {
            throw new MessageTooLargeException(length);
        }
        out.setInt(lengthIndex, (int) length);
    }
}
