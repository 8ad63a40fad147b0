package dev.tusk.internal.command;

import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.codec.EncodeException;
import dev.tusk.internal.protocol.RowDescription;
import dev.tusk.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Writes a Bind message: each parameter encoded by the codec of the type the server inferred for
 * it (binary), or as text when Tusk has no codec for that type.
 */
final class BindWriter {

    private static final int TEXT = 0;
    private static final int BINARY = 1;

    private BindWriter() {
    }

    static void write(ByteBuf out, String portal, PreparedStatementState statement, Object[] arguments) {
        write(out, portal, statement, arguments, false);
    }

    /**
     * @param formatPerColumn one result-format code per column even when they are all the same, so
     *     that the server checks the column count (see {@link RowDescription#writeResultFormatsPerColumn})
     */
    static void write(ByteBuf out, String portal, PreparedStatementState statement, Object[] arguments,
            boolean formatPerColumn) {
        int lengthIndex = Wire.beginMessage(out, (byte) 'B');
        Wire.writeCString(out, portal);
        Wire.writeCString(out, statement.name());
        int count = arguments.length;
        writeParameterFormats(out, statement, count);
        out.writeShort(count);
        for (int i = 0; i < count; i++) {
            Object value = arguments[i];
            if (value == null) {
                out.writeInt(-1);
                continue;
            }
            int valueLengthIndex = out.writerIndex();
            out.writeInt(0);
            Codec codec = statement.parameterCodec(i);
            try {
                if (codec != null) {
                    codec.encode(value, out);
                } else {
                    ByteBufUtil.writeUtf8(out, textForm(value, statement.parameterOid(i)));
                }
            } catch (EncodeException | ClassCastException e) {
                throw PostgresExceptions.clientSide("22023", "invalid input for query argument $" + (i + 1)
                        + " (" + typeName(codec, statement.parameterOid(i)) + "): " + e.getMessage(), e);
            }
            out.setInt(valueLengthIndex, out.writerIndex() - valueLengthIndex - 4);
        }
        RowDescription columns = statement.rowDescription();
        if (columns == null) {
            out.writeShort(0);
        } else if (formatPerColumn) {
            columns.writeResultFormatsPerColumn(out);
        } else {
            columns.writeResultFormats(out);
        }
        Wire.endMessage(out, lengthIndex);
    }

    private static void writeParameterFormats(ByteBuf out, PreparedStatementState statement, int count) {
        boolean allBinary = true;
        boolean allText = true;
        for (int i = 0; i < count; i++) {
            int format = RowDescription.formatOf(statement.parameterCodec(i));
            allBinary &= format == BINARY;
            allText &= format == TEXT;
        }
        if (allText) {
            out.writeShort(0);
        } else if (allBinary) {
            out.writeShort(1);
            out.writeShort(BINARY);
        } else {
            out.writeShort(count);
            for (int i = 0; i < count; i++) {
                out.writeShort(RowDescription.formatOf(statement.parameterCodec(i)));
            }
        }
    }

    /** Types without a binary codec (extensions, enums, ...) take their text form, given as a String. */
    private static CharSequence textForm(Object value, int oid) {
        if (value instanceof CharSequence) {
            return (CharSequence) value;
        }
        if (value instanceof Enum) {
            return ((Enum<?>) value).name();
        }
        throw new EncodeException("the type with oid " + oid + " is sent in text form; pass a String, got "
                + value.getClass().getName());
    }

    private static String typeName(Codec codec, int oid) {
        return codec != null ? codec.typeName() : "type oid " + oid;
    }
}
