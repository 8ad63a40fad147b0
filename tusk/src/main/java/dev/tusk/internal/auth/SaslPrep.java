package dev.tusk.internal.auth;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Optional;

/**
 * SASLprep (RFC 4013) of a SCRAM password, done the way PostgreSQL's {@code pg_saslprep} does
 * it, because the server prepared the password the same way when it stored the SCRAM secret and
 * both sides must derive identical bytes.
 *
 * <p>Covered: mapping (C.1.2 non-ASCII spaces to U+0020, B.1 "commonly mapped to nothing"
 * removed), NFKC normalization, prohibited output (C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7,
 * C.8, C.9), unassigned code points (A.1) and the bidirectional rules (D.1, D.2); the tables are
 * in {@link StringprepTables}. Like PostgreSQL, a pure-ASCII password is used unchanged, and the
 * prohibition and bidi checks look at the mapped code points before normalization.
 *
 * <p>When SASLprep refuses a password (or it is not valid Unicode), PostgreSQL uses the raw
 * password bytes instead of failing; {@link #passwordBytes} does the same.
 */
final class SaslPrep {

    private SaslPrep() {
    }

    /**
     * The bytes SCRAM derives its keys from: the UTF-8 encoding of the SASLprep'd password, or of
     * the password as given when SASLprep refuses it.
     */
    static byte[] passwordBytes(String password) {
        return prepare(password).orElse(password).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The SASLprep form of {@code input}, or empty when PostgreSQL's SASLprep would refuse it: it
     * holds an unpaired surrogate, maps to nothing, or contains a prohibited or unassigned code
     * point or a bidirectional mix RFC 3454 section 6 forbids.
     */
    static Optional<String> prepare(String input) {
        if (isAscii(input)) {
            return Optional.of(input);
        }
        int[] mapped = map(input);
        if (mapped == null || mapped.length == 0) {
            return Optional.empty();
        }
        for (int codePoint : mapped) {
            if (StringprepTables.contains(StringprepTables.PROHIBITED_OUTPUT, codePoint)
                    || StringprepTables.contains(StringprepTables.UNASSIGNED, codePoint)) {
                return Optional.empty();
            }
        }
        if (!bidiAllowed(mapped)) {
            return Optional.empty();
        }
        return Optional.of(Normalizer.normalize(new String(mapped, 0, mapped.length), Normalizer.Form.NFKC));
    }

    private static boolean isAscii(String input) {
        for (int i = 0; i < input.length(); i++) {
            if (input.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Step 1: the mapped code points, or null if the input is not well-formed UTF-16. */
    private static int[] map(String input) {
        int[] mapped = new int[input.codePointCount(0, input.length())];
        int count = 0;
        for (int i = 0; i < input.length(); ) {
            int codePoint = input.codePointAt(i);
            if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                // An unpaired surrogate has no UTF-8 form; PostgreSQL would see invalid UTF-8.
                return null;
            }
            i += Character.charCount(codePoint);
            if (StringprepTables.contains(StringprepTables.NON_ASCII_SPACE, codePoint)) {
                mapped[count++] = ' ';
            } else if (!StringprepTables.contains(StringprepTables.MAPPED_TO_NOTHING, codePoint)) {
                mapped[count++] = codePoint;
            }
        }
        return count == mapped.length ? mapped : Arrays.copyOf(mapped, count);
    }

    /**
     * RFC 3454 section 6: a string with any right-to-left character has no left-to-right
     * character and starts and ends with a right-to-left character.
     */
    private static boolean bidiAllowed(int[] codePoints) {
        boolean anyRightToLeft = false;
        for (int codePoint : codePoints) {
            if (StringprepTables.contains(StringprepTables.RAND_AL_CAT, codePoint)) {
                anyRightToLeft = true;
                break;
            }
        }
        if (!anyRightToLeft) {
            return true;
        }
        for (int codePoint : codePoints) {
            if (StringprepTables.contains(StringprepTables.L_CAT, codePoint)) {
                return false;
            }
        }
        return StringprepTables.contains(StringprepTables.RAND_AL_CAT, codePoints[0])
                && StringprepTables.contains(StringprepTables.RAND_AL_CAT, codePoints[codePoints.length - 1]);
    }
}
