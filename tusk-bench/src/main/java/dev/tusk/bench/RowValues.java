package dev.tusk.bench;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The rows that the batch and bulk workloads write: (int4, int8, float8, text of 30 characters,
 * timestamptz), the same for every driver. For {@code i} below 1000 they are the values that the
 * wide-rows query returns.
 */
final class RowValues {

    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final String PAD = "x".repeat(30);

    private RowValues() {
    }

    static int a(int i) {
        return i;
    }

    static long b(int i) {
        return i * 1000L;
    }

    static double c(int i) {
        return i * 1.5;
    }

    /** {@code lpad(i::text, 30, 'x')}. */
    static String d(int i) {
        String digits = Integer.toString(i);
        return PAD.substring(digits.length()) + digits;
    }

    /** The start of 2024 UTC plus {@code i} seconds, wrapping daily (as {@link #appendCopyText} writes it). */
    static OffsetDateTime e(int i) {
        return EPOCH.plusSeconds(i % 86_400);
    }

    /** Row {@code i} as one line of COPY text format, without the newline, appended to {@code out}. */
    static void appendCopyText(int i, StringBuilder out) {
        long seconds = i % 86_400;
        out.append(a(i)).append('\t').append(b(i)).append('\t').append(c(i)).append('\t').append(d(i))
                .append("\t2024-01-01 ");
        twoDigits(out, seconds / 3600);
        out.append(':');
        twoDigits(out, seconds / 60 % 60);
        out.append(':');
        twoDigits(out, seconds % 60);
        out.append("+00");
    }

    private static void twoDigits(StringBuilder out, long value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
