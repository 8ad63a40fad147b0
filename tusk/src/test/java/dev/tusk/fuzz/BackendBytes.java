package dev.tusk.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Valid backend messages that put a query in the state where rows are read. */
final class BackendBytes {

    private BackendBytes() {
    }

    /** ParseComplete, a ParameterDescription without parameters and a RowDescription with a column per type. */
    static byte[] describedAs(int... typeOids) {
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        writeShort(row, typeOids.length);
        for (int i = 0; i < typeOids.length; i++) {
            row.writeBytes(("c" + i).getBytes(StandardCharsets.US_ASCII));
            row.write(0);
            writeInt(row, 0);
            writeShort(row, 0);
            writeInt(row, typeOids[i]);
            writeShort(row, -1);
            writeInt(row, -1);
            writeShort(row, 0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message(out, '1', new byte[0]);
        message(out, 't', new byte[] {0, 0});
        message(out, 'T', row.toByteArray());
        return out.toByteArray();
    }

    private static void message(ByteArrayOutputStream out, char type, byte[] body) {
        out.write(type);
        writeInt(out, body.length + 4);
        out.writeBytes(body);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }
}
