package dev.tusk.internal.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/** Writes frontend messages into an outgoing buffer; lengths are computed and bounded here. */
public final class FrontendMessages {

    public static final int SSL_REQUEST_CODE = 80877103;
    public static final int CANCEL_REQUEST_CODE = 80877102;

    private static final byte PORTAL = 'P';
    private static final byte STATEMENT = 'S';

    private FrontendMessages() {
    }

    /** StartupMessage: protocol version followed by name/value pairs. */
    public static void startup(ByteBuf out, int protocolVersion, Map<String, String> parameters) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        out.writeInt(protocolVersion);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            Wire.writeCString(out, parameter.getKey());
            Wire.writeCString(out, parameter.getValue());
        }
        out.writeByte(0);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex);
    }

    public static void sslRequest(ByteBuf out) {
        out.writeInt(8);
        out.writeInt(SSL_REQUEST_CODE);
    }

    public static void cancelRequest(ByteBuf out, int processId, byte[] secretKey) {
        out.writeInt(12 + secretKey.length);
        out.writeInt(CANCEL_REQUEST_CODE);
        out.writeInt(processId);
        out.writeBytes(secretKey);
    }

    /** PasswordMessage carrying a cleartext password or an MD5 hash (NUL-terminated). */
    public static void password(ByteBuf out, byte[] password) {
        int lengthIndex = Wire.beginMessage(out, (byte) 'p');
        out.writeBytes(password);
        out.writeByte(0);
        Wire.endMessage(out, lengthIndex);
    }

    public static void saslInitialResponse(ByteBuf out, String mechanism, byte[] data) {
        int lengthIndex = Wire.beginMessage(out, (byte) 'p');
        Wire.writeCString(out, mechanism);
        out.writeInt(data.length);
        out.writeBytes(data);
        Wire.endMessage(out, lengthIndex);
    }

    public static void saslResponse(ByteBuf out, byte[] data) {
        int lengthIndex = Wire.beginMessage(out, (byte) 'p');
        out.writeBytes(data);
        Wire.endMessage(out, lengthIndex);
    }

    public static void query(ByteBuf out, String sql) {
        int lengthIndex = Wire.beginMessage(out, (byte) 'Q');
        Wire.writeCString(out, sql);
        Wire.endMessage(out, lengthIndex);
    }

    /** Parse with every parameter type left for the server to infer. */
    public static void parse(ByteBuf out, String statementName, String sql) {
        int lengthIndex = Wire.beginMessage(out, (byte) 'P');
        Wire.writeCString(out, statementName);
        Wire.writeCString(out, sql);
        out.writeShort(0);
        Wire.endMessage(out, lengthIndex);
    }

    /** Parse with the parameter types given (0 leaves one for the server to infer). */
    public static void parse(ByteBuf out, String statementName, String sql, int[] parameterOids) {
        int lengthIndex = Wire.beginMessage(out, (byte) 'P');
        Wire.writeCString(out, statementName);
        Wire.writeCString(out, sql);
        out.writeShort(parameterOids.length);
        for (int oid : parameterOids) {
            out.writeInt(oid);
        }
        Wire.endMessage(out, lengthIndex);
    }

    public static void describeStatement(ByteBuf out, String statementName) {
        describe(out, STATEMENT, statementName);
    }

    public static void describePortal(ByteBuf out, String portalName) {
        describe(out, PORTAL, portalName);
    }

    private static void describe(ByteBuf out, byte kind, String name) {
        int lengthIndex = Wire.beginMessage(out, (byte) 'D');
        out.writeByte(kind);
        Wire.writeCString(out, name);
        Wire.endMessage(out, lengthIndex);
    }

    /** Bind without parameters, every result column in text format. */
    public static void bind(ByteBuf out, String portalName, String statementName) {
        int lengthIndex = Wire.beginMessage(out, (byte) 'B');
        Wire.writeCString(out, portalName);
        Wire.writeCString(out, statementName);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(0);
        Wire.endMessage(out, lengthIndex);
    }

    public static void execute(ByteBuf out, String portalName, int maxRows) {
        int lengthIndex = Wire.beginMessage(out, (byte) 'E');
        Wire.writeCString(out, portalName);
        out.writeInt(maxRows);
        Wire.endMessage(out, lengthIndex);
    }

    public static void closeStatement(ByteBuf out, String statementName) {
        close(out, STATEMENT, statementName);
    }

    public static void closePortal(ByteBuf out, String portalName) {
        close(out, PORTAL, portalName);
    }

    private static void close(ByteBuf out, byte kind, String name) {
        int lengthIndex = Wire.beginMessage(out, (byte) 'C');
        out.writeByte(kind);
        Wire.writeCString(out, name);
        Wire.endMessage(out, lengthIndex);
    }

    public static void sync(ByteBuf out) {
        out.writeByte('S');
        out.writeInt(4);
    }

    public static void flush(ByteBuf out) {
        out.writeByte('H');
        out.writeInt(4);
    }

    public static void terminate(ByteBuf out) {
        out.writeByte('X');
        out.writeInt(4);
    }
}
