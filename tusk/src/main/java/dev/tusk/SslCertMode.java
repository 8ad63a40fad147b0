package dev.tusk;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.options.KeywordEnums;

/**
 * Whether a client certificate is sent when the server asks for one (libpq {@code sslcertmode},
 * PostgreSQL 16's libpq). The certificate is the one {@code sslcert} and {@code sslkey} name, or
 * {@code ~/.postgresql/postgresql.crt} and {@code .key} when they exist.
 */
public enum SslCertMode {

    /** Never send a client certificate, even when one is configured. */
    DISABLE("disable"),
    /** Send the configured certificate when the server asks for one (the default). */
    ALLOW("allow"),
    /**
     * As {@link #ALLOW}, and fail the connection when the server lets the client in without a
     * certificate having been sent ("server accepted connection without a valid SSL certificate").
     * As libpq's documentation says, this adds no security by itself: the server may ask for a
     * certificate without checking it. It helps to find a TLS set-up that is not what it seems.
     */
    REQUIRE("require");

    private final String keyword;

    SslCertMode(String keyword) {
        this.keyword = keyword;
    }

    /** The libpq spelling of this mode, e.g. {@code "require"}. */
    public String keyword() {
        return keyword;
    }

    /**
     * The mode a libpq {@code sslcertmode} value names, ignoring case.
     *
     * @throws InterfaceException if the value names no mode; the message lists the valid ones
     */
    public static SslCertMode fromKeyword(String keyword) {
        return KeywordEnums.fromKeyword(values(), SslCertMode::keyword, "sslcertmode", keyword);
    }
}
