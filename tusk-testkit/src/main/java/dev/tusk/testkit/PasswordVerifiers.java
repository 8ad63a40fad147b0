package dev.tusk.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Decides in which form the superuser's password reaches {@code pg_authid}. {@code initdb} runs
 * before any setting of ours applies, so it hashes a plain password with the server's default
 * {@code password_encryption}: SCRAM from PostgreSQL 14, md5 before. A string that already is an
 * MD5 verifier is stored as it is.
 */
final class PasswordVerifiers {

    private PasswordVerifiers() {
    }

    /**
     * What {@code initdb --pwfile} should receive: an MD5 verifier for {@link AuthMethod#MD5},
     * else the password itself.
     */
    static String forInitdb(AuthMethod authMethod, String user, String password) {
        return authMethod == AuthMethod.MD5 ? md5(user, password) : password;
    }

    /**
     * Whether the password {@code initdb} stored must be replaced by a SCRAM verifier: before
     * PostgreSQL 14 initdb stores md5, with which SCRAM authentication cannot work. (A
     * precomputed SCRAM verifier cannot be handed over instead: those initdb versions read at
     * most 99 characters from the password file.)
     */
    static boolean needsScramAfterInitdb(AuthMethod authMethod, int majorVersion) {
        return authMethod != AuthMethod.MD5 && majorVersion < 14;
    }

    /** {@code "md5" + hex(md5(password || user))}, as {@code pg_md5_encrypt} computes it. */
    static String md5(String user, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            md5.update(user.getBytes(StandardCharsets.UTF_8));
            return "md5" + HexFormat.of().formatHex(md5.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides MD5", e);
        }
    }
}
