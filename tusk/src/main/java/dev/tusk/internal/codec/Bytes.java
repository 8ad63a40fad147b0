package dev.tusk.internal.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian reads straight from a byte array, as the wire format needs them, without wrapping it. */
public final class Bytes {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    /** The signed 16-bit value at {@code offset}. */
    public static short getShort(byte[] buf, int offset) {
        return (short) SHORT.get(buf, offset);
    }

    /** The unsigned 16-bit value at {@code offset}. */
    public static int getUnsignedShort(byte[] buf, int offset) {
        return getShort(buf, offset) & 0xFFFF;
    }

    /** The signed 32-bit value at {@code offset}. */
    public static int getInt(byte[] buf, int offset) {
        return (int) INT.get(buf, offset);
    }

    /** The signed 64-bit value at {@code offset}. */
    public static long getLong(byte[] buf, int offset) {
        return (long) LONG.get(buf, offset);
    }
}
