package dev.tusk;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.options.KeywordEnums;

/**
 * How much TLS a connection insists on, with libpq's meaning of each {@code sslmode}. The
 * constants are ordered from the weakest to the strongest, so {@code mode.compareTo(REQUIRE) >= 0}
 * means "TLS is mandatory".
 */
public enum SslMode {

    /** Plain TCP only; never ask the server for TLS. */
    DISABLE("disable"),
    /** Plain TCP first; TLS only if the server refuses a plain connection. */
    ALLOW("allow"),
    /** TLS if the server offers it, plain TCP otherwise (libpq's default). */
    PREFER("prefer"),
    /** TLS, without checking the certificate (unless a root certificate file is present). */
    REQUIRE("require"),
    /** TLS, and the server certificate must chain to a trusted root. */
    VERIFY_CA("verify-ca"),
    /** TLS, a trusted certificate, and the host name must match the certificate. */
    VERIFY_FULL("verify-full");

    private final String keyword;

    SslMode(String keyword) {
        this.keyword = keyword;
    }

    /** The libpq spelling of this mode, e.g. {@code "verify-full"}. */
    public String keyword() {
        return keyword;
    }

    /**
     * The mode a libpq {@code sslmode} value names, ignoring case.
     *
     * @throws InterfaceException if the value names no mode; the message lists the valid ones
     */
    public static SslMode fromKeyword(String keyword) {
        return KeywordEnums.fromKeyword(values(), SslMode::keyword, "sslmode", keyword);
    }
}
