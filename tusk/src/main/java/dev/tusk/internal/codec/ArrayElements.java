package dev.tusk.internal.codec;

/** What the codec of an array type says about its elements. */
public final class ArrayElements {

    private ArrayElements() {
    }

    /** The Java type of the elements when {@code codec} reads an array type; null otherwise. */
    public static Class<?> javaType(Codec codec) {
        return codec instanceof ArrayCodec ? ((ArrayCodec) codec).element().javaType() : null;
    }
}
