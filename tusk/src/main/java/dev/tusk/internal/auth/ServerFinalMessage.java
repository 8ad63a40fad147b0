package dev.tusk.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads the SCRAM server-final-message: {@code v=<signature>} or {@code e=<error>}. */
final class ServerFinalMessage {

    private static final int MAX_SHOWN = 64;

    private ServerFinalMessage() {
    }

    /**
     * The server signature carried by {@code message}.
     *
     * @throws AuthenticationException if the message reports an error ({@code e=}) or is malformed
     */
    static byte[] signature(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        int comma = text.indexOf(',');
        String first = comma < 0 ? text : text.substring(0, comma);
        if (first.startsWith("e=")) {
            throw new AuthenticationException(
                    "the server rejected the SCRAM exchange: " + printable(first.substring(2)));
        }
        if (!first.startsWith("v=")) {
            throw new AuthenticationException("malformed SCRAM server-final-message: expected v= or e=");
        }
        try {
            return Base64.getDecoder().decode(first.substring(2));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("SCRAM server signature is not valid base64", e);
        }
    }

    /** The server's error name, kept short and free of control characters for the message. */
    private static String printable(String error) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < error.length() && shown.length() < MAX_SHOWN; i++) {
            char c = error.charAt(i);
            shown.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return error.length() > MAX_SHOWN ? shown + "..." : shown.toString();
    }
}
