package dev.tusk.internal.codec;

/**
 * A query argument cannot be encoded as its parameter's type. The message describes the problem
 * without the parameter position, which the caller adds
 * ({@code "invalid input for query argument $1 (type int4): " + message}).
 */
public final class EncodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Values longer than this are cut in messages so that a huge argument cannot flood a log. */
    private static final int MAX_VALUE_CHARS = 40;

    /** Creates an exception with a message that names the offending Java type or value and the bound. */
    public EncodeException(String message) {
        super(message);
    }

    /** The Java type of {@code value} for messages: {@code "java.lang.String"}, {@code "byte[]"}, {@code "null"}. */
    public static String describeJavaType(Object value) {
        return value == null ? "null" : value.getClass().getTypeName();
    }

    /** {@code value} as text for messages, cut to about 40 characters. */
    public static String describeValue(Object value) {
        String text = String.valueOf(value);
        if (text.length() <= MAX_VALUE_CHARS) {
            return text;
        }
        return text.substring(0, MAX_VALUE_CHARS) + "... (" + text.length() + " chars)";
    }

    /** {@code "expected <expected>, got <java type>"}. */
    static EncodeException wrongType(String expected, Object value) {
        return new EncodeException("expected " + expected + ", got " + describeJavaType(value));
    }

    /** {@code "value <value> out of <type> range <range>"}. */
    static EncodeException outOfRange(Object value, String typeName, String range) {
        return new EncodeException("value " + describeValue(value) + " out of " + typeName + " range " + range);
    }
}
