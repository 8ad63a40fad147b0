package dev.tusk;

/** The data format of a COPY, as PostgreSQL's {@code FORMAT} option. */
public enum CopyFormat {

    /** Tab-separated text, {@code \N} for NULL, backslash escapes: the server's default. */
    TEXT("text"),

    /** Comma-separated values as RFC 4180 (quotes, embedded newlines), empty unquoted field for NULL. */
    CSV("csv"),

    /** PostgreSQL's binary COPY format: each value in its type's binary send/receive form. */
    BINARY("binary");

    private final String keyword;

    CopyFormat(String keyword) {
        this.keyword = keyword;
    }

    /** The option's value in SQL, e.g. {@code csv}. */
    public String keyword() {
        return keyword;
    }
}
