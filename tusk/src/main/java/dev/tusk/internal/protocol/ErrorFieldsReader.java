package dev.tusk.internal.protocol;

import dev.tusk.exceptions.ErrorFields;
import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Map;

/** Reads the fields of an ErrorResponse or NoticeResponse. */
public final class ErrorFieldsReader {

    private ErrorFieldsReader() {
    }

    public static ErrorFields read(ByteBuf body, int end) {
        Map<Character, String> fields = new HashMap<>();
        while (true) {
            byte code = Wire.readByte(body, end);
            if (code == 0) {
                break;
            }
            fields.put((char) (code & 0xFF), Wire.readCString(body, end));
        }
        return ErrorFields.of(fields);
    }
}
