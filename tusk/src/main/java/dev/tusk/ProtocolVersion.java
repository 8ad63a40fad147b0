package dev.tusk;

import dev.tusk.exceptions.InterfaceException;

/**
 * A version of PostgreSQL's frontend/backend protocol, as libpq's {@code min_protocol_version} and
 * {@code max_protocol_version} name them. Version 3.2 (PostgreSQL 18) differs from 3.0 in one
 * thing a client sees: the cancel key is up to 256 bytes long (PostgreSQL 18 sends 32) instead of
 * 4, which makes a cancel request for someone else's query impossible to guess.
 */
public enum ProtocolVersion {

    /** The protocol of every PostgreSQL from 7.4 on; what poolers such as PgBouncer speak. */
    V3_0("3.0", 3 << 16),
    /** PostgreSQL 18's protocol: longer cancel keys. */
    V3_2("3.2", 3 << 16 | 2);

    private final String keyword;
    private final int code;

    ProtocolVersion(String keyword, int code) {
        this.keyword = keyword;
        this.code = code;
    }

    /** The libpq spelling of this version ({@code 3.0}, {@code 3.2}). */
    public String keyword() {
        return keyword;
    }

    /** The number a StartupMessage carries for this version: the major version in the high 16 bits, the minor in the low. */
    public int code() {
        return code;
    }

    /**
     * The version a libpq {@code min_protocol_version} or {@code max_protocol_version} value names:
     * {@code 3.0}, {@code 3.2} or {@code latest} (the newest Tusk speaks).
     *
     * @throws InterfaceException if the value names none
     */
    public static ProtocolVersion fromKeyword(String keyword) {
        if ("latest".equalsIgnoreCase(keyword)) {
            return latest();
        }
        for (ProtocolVersion version : values()) {
            if (version.keyword.equals(keyword)) {
                return version;
            }
        }
        throw new InterfaceException("invalid protocol version \"" + keyword + "\" (expected 3.0, 3.2 or latest)");
    }

    /** The newest version Tusk speaks. */
    public static ProtocolVersion latest() {
        return V3_2;
    }

    /**
     * The version a StartupMessage or NegotiateProtocolVersion number names, or null for one Tusk
     * does not speak (3.1 was never released).
     */
    public static ProtocolVersion fromCode(int code) {
        for (ProtocolVersion version : values()) {
            if (version.code == code) {
                return version;
            }
        }
        return null;
    }
}
