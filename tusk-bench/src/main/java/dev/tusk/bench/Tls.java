package dev.tusk.bench;

import java.util.Locale;

/**
 * How the drivers encrypt ({@code --tls}): not at all; all with the JDK's TLS engine; or with
 * OpenSSL (netty-tcnative's BoringSSL) where the driver can be told to use it (Tusk, both R2DBC
 * drivers; pgjdbc has only the JDK's engine, and vertx-pg-client's {@code PgConnection.connect}
 * takes no engine option). Every driver connects with {@code sslmode=require}: encrypted, the
 * certificate not checked.
 */
enum Tls {
    OFF, JDK, OPENSSL;

    static Tls byLabel(String label) {
        for (Tls tls : values()) {
            if (tls.label().equals(label)) {
                return tls;
            }
        }
        throw new IllegalArgumentException("--tls=" + label + ": expected off, jdk or openssl");
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean on() {
        return this != OFF;
    }
}
