package dev.tusk.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of a SCRAM-SHA-256 exchange, written independently of the client: the salted
 * password comes from the JDK's PBKDF2, and the client proof is checked the way PostgreSQL checks
 * it (recover ClientKey from the proof, compare its hash with StoredKey).
 */
final class ScramTestServer {

    private static final byte[] SALT = "tusk-test-salt".getBytes(StandardCharsets.US_ASCII);

    private final byte[] storedKey;
    private final byte[] serverKey;
    private final byte[] channelBindingData;
    private final int iterations;
    private String clientFirstBare;
    private String gs2Header;
    private String serverFirst;
    private String nonce;

    ScramTestServer(String password, int iterations, byte[] channelBindingData) {
        byte[] salted = pbkdf2(password, iterations);
        this.storedKey = sha256(hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII)));
        this.serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        this.channelBindingData = channelBindingData;
        this.iterations = iterations;
    }

    String serverFirst(String clientFirst) {
        int bare = clientFirst.indexOf(",n=");
        gs2Header = clientFirst.substring(0, bare + 1);
        clientFirstBare = clientFirst.substring(bare + 1);
        nonce = clientFirstBare.substring(clientFirstBare.indexOf(",r=") + 3) + "-server-part";
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(SALT) + ",i=" + iterations;
        return serverFirst;
    }

    String serverFinal(String clientFinal) {
        int proofAt = clientFinal.lastIndexOf(",p=");
        String withoutProof = clientFinal.substring(0, proofAt);
        byte[] expectedBinding = concat(gs2Header.getBytes(StandardCharsets.US_ASCII), channelBindingData);
        if (!withoutProof.equals("c=" + Base64.getEncoder().encodeToString(expectedBinding) + ",r=" + nonce)) {
            throw new AssertionError("unexpected channel binding or nonce in " + withoutProof);
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] clientKey = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        byte[] clientSignature = hmac(storedKey, authMessage);
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] ^= clientSignature[i];
        }
        if (!Arrays.equals(sha256(clientKey), storedKey)) {
            throw new AssertionError("client proof does not match the stored key");
        }
        return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
    }

    private static byte[] pbkdf2(String password, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), SALT, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
