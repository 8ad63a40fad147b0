package dev.tusk.internal.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A parsed and validated SCRAM server-first-message:
 * {@code r=<client nonce + server nonce>,s=<base64 salt>,i=<iteration count>[,extensions]}.
 */
final class ServerFirstMessage {

    private static final int MAX_SHOWN = 32;

    private final String text;
    private final String nonce;
    private final byte[] salt;
    private final int iterations;

    private ServerFirstMessage(String text, String nonce, byte[] salt, int iterations) {
        this.text = text;
        this.nonce = nonce;
        this.salt = salt;
        this.iterations = iterations;
    }

    /**
     * Parses {@code message} and checks it against the exchange.
     *
     * @throws AuthenticationException if the message is malformed, its nonce does not extend
     *     {@code clientNonce}, or its iteration count is below 1 or above {@code maxIterations}
     */
    static ServerFirstMessage parse(byte[] message, String clientNonce, int maxIterations) {
        String text = decode(message);
        String[] attributes = text.split(",", -1);
        if (attributes[0].startsWith("m=")) {
            throw new AuthenticationException("the SCRAM server-first-message requires an unsupported "
                    + "mandatory extension");
        }
        String nonce = attribute(attributes, 0, 'r');
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new AuthenticationException("SCRAM server nonce does not start with the client nonce");
        }
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new AuthenticationException("SCRAM server nonce contains a non-printable character "
                        + "at index " + i);
            }
        }
        return new ServerFirstMessage(text, nonce, salt(attribute(attributes, 1, 's')),
                iterations(attribute(attributes, 2, 'i'), maxIterations));
    }

    /** The message as received; it is part of the AuthMessage both sides sign. */
    String text() {
        return text;
    }

    /** The combined client and server nonce. */
    String nonce() {
        return nonce;
    }

    byte[] salt() {
        return salt;
    }

    int iterations() {
        return iterations;
    }

    private static String decode(byte[] message) {
        try {
            // Strict decoding: the text is signed as the server's bytes, so it must round-trip.
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(message)).toString();
        } catch (CharacterCodingException e) {
            throw new AuthenticationException("malformed SCRAM server-first-message: not valid UTF-8", e);
        }
    }

    private static String attribute(String[] attributes, int position, char name) {
        if (position >= attributes.length || attributes[position].length() < 2
                || attributes[position].charAt(0) != name || attributes[position].charAt(1) != '=') {
            throw new AuthenticationException("malformed SCRAM server-first-message: expected attribute "
                    + name + "= at position " + (position + 1) + " of " + attributes.length);
        }
        return attributes[position].substring(2);
    }

    private static byte[] salt(String value) {
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("SCRAM salt is not valid base64", e);
        }
        if (salt.length == 0) {
            throw new AuthenticationException("SCRAM salt is empty");
        }
        return salt;
    }

    private static int iterations(String value, int maxIterations) {
        long iterations = -1;
        if (!value.isEmpty() && value.length() <= 10 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            iterations = Long.parseLong(value);
        }
        if (iterations < 0) {
            throw new AuthenticationException("SCRAM iteration count is not a number: \""
                    + shorten(value) + "\"");
        }
        if (iterations < 1) {
            throw new AuthenticationException("SCRAM iteration count: " + iterations + " (expected: >= 1)");
        }
        if (iterations > maxIterations) {
            throw new AuthenticationException("SCRAM iteration count: " + iterations + " (expected: <= "
                    + maxIterations + "); refusing to spend that long deriving the key");
        }
        return (int) iterations;
    }

    private static String shorten(String value) {
        return value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...";
    }
}
