package dev.tusk;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.options.KeywordEnums;

/**
 * Whether SCRAM authentication binds itself to the TLS channel, with libpq's meaning of each
 * {@code channel_binding} value.
 */
public enum ChannelBinding {

    /** Never use channel binding. */
    DISABLE("disable"),
    /** Use it when both TLS and SCRAM-SHA-256-PLUS are available (libpq's default). */
    PREFER("prefer"),
    /** Refuse to authenticate by any means other than SCRAM-SHA-256-PLUS over TLS. */
    REQUIRE("require");

    private final String keyword;

    ChannelBinding(String keyword) {
        this.keyword = keyword;
    }

    /** The libpq spelling of this value. */
    public String keyword() {
        return keyword;
    }

    /**
     * The value a libpq {@code channel_binding} keyword names, ignoring case.
     *
     * @throws InterfaceException if the value names none
     */
    public static ChannelBinding fromKeyword(String keyword) {
        return KeywordEnums.fromKeyword(values(), ChannelBinding::keyword, "channel_binding", keyword);
    }
}
