package dev.tusk.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The RFC 5802 primitives for SCRAM-SHA-256: HMAC, H and Hi (PBKDF2 with HMAC-SHA-256). */
final class ScramCrypto {

    private static final String HMAC_SHA_256 = "HmacSHA256";
    private static final byte[] FIRST_BLOCK = {0, 0, 0, 1};

    private ScramCrypto() {
    }

    /**
     * Hi(password, salt, i) of RFC 5802 section 2.2. Written out rather than taken from the JDK's
     * PBKDF2 because that one accepts only {@code char[]} passwords, while PostgreSQL may use the
     * raw password bytes when SASLprep refuses them.
     */
    static byte[] hi(byte[] password, byte[] salt, int iterations) {
        Mac mac = hmacSha256(password);
        mac.update(salt);
        mac.update(FIRST_BLOCK);
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        try {
            for (int i = 1; i < iterations; i++) {
                mac.update(u);
                mac.doFinal(u, 0);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 output does not fit its own length", e);
        } finally {
            Arrays.fill(u, (byte) 0);
        }
        return result;
    }

    static byte[] hmac(byte[] key, String message) {
        return hmac(key, message.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        return hmacSha256(key).doFinal(message);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime provides no SHA-256 digest", e);
        }
    }

    private static Mac hmacSha256(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA_256);
            mac.init(new SecretKeySpec(key, HMAC_SHA_256));
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must provide HmacSHA256 and accept any non-empty key.
            throw new IllegalStateException("the Java runtime cannot compute HMAC-SHA-256", e);
        }
    }
}
