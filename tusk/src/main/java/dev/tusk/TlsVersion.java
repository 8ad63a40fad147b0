package dev.tusk;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.options.KeywordEnums;

/**
 * A TLS protocol version, as libpq's {@code ssl_min_protocol_version} and
 * {@code ssl_max_protocol_version} name it. The JDK's own security settings
 * ({@code jdk.tls.disabledAlgorithms}) still apply: TLS 1.0 and 1.1 are disabled there by default.
 */
public enum TlsVersion {

    /** TLS 1.0. */
    TLS_1_0("TLSv1"),
    /** TLS 1.1. */
    TLS_1_1("TLSv1.1"),
    /** TLS 1.2, the oldest version allowed by default (as in libpq). */
    TLS_1_2("TLSv1.2"),
    /** TLS 1.3. */
    TLS_1_3("TLSv1.3");

    private final String keyword;

    TlsVersion(String keyword) {
        this.keyword = keyword;
    }

    /** The libpq (and JSSE) spelling of this version, such as {@code TLSv1.2}. */
    public String keyword() {
        return keyword;
    }

    /**
     * The version a libpq {@code ssl_min_protocol_version} or {@code ssl_max_protocol_version}
     * value names, ignoring case.
     *
     * @throws InterfaceException if the value names none
     */
    public static TlsVersion fromKeyword(String keyword) {
        return KeywordEnums.fromKeyword(values(), TlsVersion::keyword, "SSL protocol version", keyword);
    }
}
