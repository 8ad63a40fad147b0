package dev.tusk.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The response to AuthenticationMD5Password:
 * {@code "md5" + md5hex(md5hex(password + user) + salt)}.
 */
public final class Md5Password {

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_LENGTH = 4;

    private Md5Password() {
    }

    /**
     * Computes the 35 ASCII bytes to send in the PasswordMessage. The result does not include
     * the terminating NUL: the caller writes it as part of the C string.
     *
     * @param user the user name from the startup message (UTF-8 encoded, as the server stores it)
     * @param password the password (UTF-8 encoded)
     * @param salt4 the four salt bytes the server sent
     * @throws IllegalArgumentException if the salt is not exactly four bytes long
     */
    public static byte[] encode(String user, String password, byte[] salt4) {
        if (salt4.length != SALT_LENGTH) {
            throw new IllegalArgumentException(
                    "MD5 salt length: " + salt4.length + " (expected: " + SALT_LENGTH + ")");
        }
        MessageDigest md5 = newMd5();
        md5.update(password.getBytes(StandardCharsets.UTF_8));
        md5.update(user.getBytes(StandardCharsets.UTF_8));
        byte[] inner = hex(md5.digest());

        md5.update(inner);
        md5.update(salt4);
        byte[] outer = hex(md5.digest());

        byte[] result = new byte[3 + outer.length];
        result[0] = 'm';
        result[1] = 'd';
        result[2] = '5';
        System.arraycopy(outer, 0, result, 3, outer.length);
        return result;
    }

    private static byte[] hex(byte[] digest) {
        byte[] hex = new byte[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX_DIGITS[digest[i] & 0xF];
        }
        return hex;
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide MD5; reaching this is a broken runtime.
            throw new IllegalStateException("the Java runtime provides no MD5 digest", e);
        }
    }
}
