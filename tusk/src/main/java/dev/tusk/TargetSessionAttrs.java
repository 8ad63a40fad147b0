package dev.tusk;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.options.KeywordEnums;

/**
 * Which kind of server a connection to several hosts must end up on, with libpq's meaning of
 * each {@code target_session_attrs} value.
 */
public enum TargetSessionAttrs {

    /** Any server that accepts the connection. */
    ANY("any"),
    /** A server whose sessions default to read-write ({@code default_transaction_read_only = off}, not in recovery). */
    READ_WRITE("read-write"),
    /** A server whose sessions default to read-only (a standby, or {@code default_transaction_read_only = on}). */
    READ_ONLY("read-only"),
    /** A server that is not in hot standby. */
    PRIMARY("primary"),
    /** A server in hot standby. */
    STANDBY("standby"),
    /** A standby if any host is one; otherwise any server. */
    PREFER_STANDBY("prefer-standby");

    private final String keyword;

    TargetSessionAttrs(String keyword) {
        this.keyword = keyword;
    }

    /** The libpq spelling of this value, e.g. {@code "read-write"}. */
    public String keyword() {
        return keyword;
    }

    /**
     * The value a libpq {@code target_session_attrs} keyword names, ignoring case.
     *
     * @throws InterfaceException if the value names none; the message lists the valid ones
     */
    public static TargetSessionAttrs fromKeyword(String keyword) {
        return KeywordEnums.fromKeyword(values(), TargetSessionAttrs::keyword, "target_session_attrs", keyword);
    }
}
