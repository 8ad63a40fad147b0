package dev.tusk;

import dev.tusk.exceptions.InterfaceException;

/** How TLS is started, with libpq's meaning of each {@code sslnegotiation} value (PostgreSQL 17+). */
public enum SslNegotiation {

    /** Ask with an SSLRequest message first, then start TLS if the server agrees (works with every server). */
    POSTGRES("postgres"),
    /**
     * Start the TLS handshake at once, with the ALPN protocol {@code postgresql}; saves a round trip
     * but needs PostgreSQL 17 or later, and an sslmode of require or stronger.
     */
    DIRECT("direct");

    private final String keyword;

    SslNegotiation(String keyword) {
        this.keyword = keyword;
    }

    /** The libpq spelling of this value. */
    public String keyword() {
        return keyword;
    }

    /**
     * The value a libpq {@code sslnegotiation} keyword names, ignoring case.
     *
     * @throws InterfaceException if the value names none
     */
    public static SslNegotiation fromKeyword(String keyword) {
        for (SslNegotiation negotiation : values()) {
            if (negotiation.keyword.equalsIgnoreCase(keyword)) {
                return negotiation;
            }
        }
        throw new InterfaceException("invalid sslnegotiation \"" + keyword + "\" (expected postgres or direct)");
    }
}
