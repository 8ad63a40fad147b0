package dev.tusk.testkit;

import java.nio.charset.StandardCharsets;

/** Builds the connection strings the kit hands out: libpq URIs and conninfo values. */
final class ConnectionStrings {

    private ConnectionStrings() {
    }

    /** {@code postgresql://user:password@host:port/database}, user and password percent-encoded. */
    static String uri(String user, String password, String host, int port, String database) {
        return "postgresql://" + percentEncode(user) + ":" + percentEncode(password) + "@" + host + ":" + port
                + "/" + percentEncode(database);
    }

    /** A conninfo value in single quotes, with quotes and backslashes escaped as libpq expects. */
    static String conninfoValue(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Percent-encodes every byte of the UTF-8 form except RFC 3986's unreserved characters. */
    static String percentEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
