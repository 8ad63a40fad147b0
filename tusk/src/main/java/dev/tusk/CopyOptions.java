package dev.tusk;

import dev.tusk.exceptions.InterfaceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The options of a COPY: every option asyncpg's {@code copy_*} methods accept, plus the column
 * list, the table's schema and a timeout. Immutable; built with {@link #builder()}. An option left
 * unset is not sent, so the server's default applies.
 *
 * <pre>{@code
 * CopyOptions csv = CopyOptions.builder()
 *         .format(CopyFormat.CSV).header(true).nullString("")
 *         .columns("id", "name").schemaName("billing")
 *         .build();
 * conn.copyFromTable("Invoices", CopySink.of(Path.of("invoices.csv")), csv).join();
 * }</pre>
 *
 * <p>Names (table, schema, columns) are always sent as quoted identifiers, exactly as given: a
 * mixed-case name is matched case-sensitively, and a name containing quotes or dots is still one
 * name. Values (delimiter, null string, quote, escape, encoding) are sent as string literals.
 * Only {@link Builder#where(String)} is SQL, by definition.
 */
public final class CopyOptions {

    private static final CopyOptions DEFAULTS = builder().build();

    private final CopyFormat format;
    private final Boolean oids;
    private final Boolean freeze;
    private final Boolean header;
    private final String delimiter;
    private final String nullString;
    private final String quote;
    private final String escape;
    private final String encoding;
    private final boolean forceQuoteAll;
    private final List<String> forceQuote;
    private final List<String> forceNotNull;
    private final List<String> forceNull;
    private final String where;
    private final List<String> columns;
    private final String schemaName;
    private final Duration timeout;

    private CopyOptions(Builder b) {
        this.format = b.format;
        this.oids = b.oids;
        this.freeze = b.freeze;
        this.header = b.header;
        this.delimiter = b.delimiter;
        this.nullString = b.nullString;
        this.quote = b.quote;
        this.escape = b.escape;
        this.encoding = b.encoding;
        this.forceQuoteAll = b.forceQuoteAll;
        this.forceQuote = List.copyOf(b.forceQuote);
        this.forceNotNull = List.copyOf(b.forceNotNull);
        this.forceNull = List.copyOf(b.forceNull);
        this.where = b.where;
        this.columns = List.copyOf(b.columns);
        this.schemaName = b.schemaName;
        this.timeout = b.timeout;
    }

    /** A new builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options with nothing set: the server's defaults (text format), every column, the search path. */
    public static CopyOptions defaults() {
        return DEFAULTS;
    }

    /** {@code FORMAT}; null when unset (text). */
    public CopyFormat format() {
        return format;
    }

    /** {@code OIDS} (servers before PostgreSQL 12 only); null when unset. */
    public Boolean oids() {
        return oids;
    }

    /** {@code FREEZE}; null when unset. */
    public Boolean freeze() {
        return freeze;
    }

    /** {@code HEADER}; null when unset. */
    public Boolean header() {
        return header;
    }

    /** {@code DELIMITER}; null when unset. */
    public String delimiter() {
        return delimiter;
    }

    /** {@code NULL}, the string that stands for NULL; null when unset. */
    public String nullString() {
        return nullString;
    }

    /** {@code QUOTE} (CSV); null when unset. */
    public String quote() {
        return quote;
    }

    /** {@code ESCAPE} (CSV); null when unset. */
    public String escape() {
        return escape;
    }

    /** {@code ENCODING}, the encoding of the data; null when unset (the client encoding). */
    public String encoding() {
        return encoding;
    }

    /** {@code FORCE_QUOTE *}: quote every non-NULL value (CSV, COPY TO). */
    public boolean forceQuoteAll() {
        return forceQuoteAll;
    }

    /** {@code FORCE_QUOTE (columns)}; empty when unset. */
    public List<String> forceQuote() {
        return forceQuote;
    }

    /** {@code FORCE_NOT_NULL (columns)}; empty when unset. */
    public List<String> forceNotNull() {
        return forceNotNull;
    }

    /** {@code FORCE_NULL (columns)}; empty when unset. */
    public List<String> forceNull() {
        return forceNull;
    }

    /** The {@code WHERE} condition of a COPY FROM (SQL); null when unset. */
    public String where() {
        return where;
    }

    /** The columns to copy, in order; empty for all of them. */
    public List<String> columns() {
        return columns;
    }

    /** The table's schema; null to follow the search path. */
    public String schemaName() {
        return schemaName;
    }

    /** The time limit of the call; null for the connection's command timeout. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "CopyOptions[", "]");
        add(text, "format", format);
        add(text, "oids", oids);
        add(text, "freeze", freeze);
        add(text, "header", header);
        add(text, "delimiter", delimiter);
        add(text, "nullString", nullString);
        add(text, "quote", quote);
        add(text, "escape", escape);
        add(text, "encoding", encoding);
        add(text, "forceQuote", forceQuoteAll ? "*" : forceQuote.isEmpty() ? null : forceQuote);
        add(text, "forceNotNull", forceNotNull.isEmpty() ? null : forceNotNull);
        add(text, "forceNull", forceNull.isEmpty() ? null : forceNull);
        add(text, "where", where);
        add(text, "columns", columns.isEmpty() ? null : columns);
        add(text, "schemaName", schemaName);
        add(text, "timeout", timeout);
        return text.toString();
    }

    private static void add(StringJoiner text, String name, Object value) {
        if (value != null) {
            text.add(name + "=" + value);
        }
    }

    /** Builds {@link CopyOptions}; each setter checks its value and names the option when it refuses one. */
    public static final class Builder {

        private CopyFormat format;
        private Boolean oids;
        private Boolean freeze;
        private Boolean header;
        private String delimiter;
        private String nullString;
        private String quote;
        private String escape;
        private String encoding;
        private boolean forceQuoteAll;
        private final List<String> forceQuote = new ArrayList<>();
        private final List<String> forceNotNull = new ArrayList<>();
        private final List<String> forceNull = new ArrayList<>();
        private String where;
        private final List<String> columns = new ArrayList<>();
        private String schemaName;
        private Duration timeout;

        private Builder() {
        }

        /** {@code FORMAT}: text (the server's default), csv or binary. */
        public Builder format(CopyFormat format) {
            this.format = format;
            return this;
        }

        /** {@code OIDS}: copy each row's OID (servers before PostgreSQL 12 only). */
        public Builder oids(boolean oids) {
            this.oids = oids;
            return this;
        }

        /** {@code FREEZE}: load rows already frozen (COPY FROM into a table created or truncated in this transaction). */
        public Builder freeze(boolean freeze) {
            this.freeze = freeze;
            return this;
        }

        /** {@code HEADER}: a header line with the column names (CSV; text on PostgreSQL 15+). */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /** {@code DELIMITER}: the one-byte character between columns. */
        public Builder delimiter(String delimiter) {
            this.delimiter = literal("delimiter", delimiter);
            return this;
        }

        /** {@code NULL}: the string that stands for a NULL value ({@code \N} in text, empty in CSV by default). */
        public Builder nullString(String nullString) {
            this.nullString = literal("nullString", nullString);
            return this;
        }

        /** {@code QUOTE}: the CSV quoting character. */
        public Builder quote(String quote) {
            this.quote = literal("quote", quote);
            return this;
        }

        /** {@code ESCAPE}: the CSV character that escapes a quote inside a quoted value. */
        public Builder escape(String escape) {
            this.escape = literal("escape", escape);
            return this;
        }

        /** {@code ENCODING}: the encoding of the data, e.g. {@code "LATIN1"}. */
        public Builder encoding(String encoding) {
            this.encoding = literal("encoding", encoding);
            return this;
        }

        /** {@code FORCE_QUOTE (columns)}: quote these columns' non-NULL values (CSV, COPY TO). */
        public Builder forceQuote(String... columns) {
            names("forceQuote", forceQuote, columns);
            return this;
        }

        /** {@code FORCE_QUOTE *}: quote every non-NULL value (CSV, COPY TO). */
        public Builder forceQuoteAll() {
            this.forceQuoteAll = true;
            return this;
        }

        /** {@code FORCE_NOT_NULL (columns)}: never read these columns' values as NULL (CSV, COPY FROM). */
        public Builder forceNotNull(String... columns) {
            names("forceNotNull", forceNotNull, columns);
            return this;
        }

        /** {@code FORCE_NULL (columns)}: read these columns' quoted null strings as NULL too (CSV, COPY FROM). */
        public Builder forceNull(String... columns) {
            names("forceNull", forceNull, columns);
            return this;
        }

        /**
         * {@code WHERE}: the condition rows must meet to be loaded (COPY FROM, PostgreSQL 12+).
         * This is SQL, sent as written, as asyncpg's {@code where}: never build it from untrusted text.
         */
        public Builder where(String condition) {
            if (condition != null && condition.isBlank()) {
                throw new InterfaceException("where must not be blank");
            }
            this.where = literal("where", condition);
            return this;
        }

        /** The columns to copy, in this order; by default every column in table order. */
        public Builder columns(String... columns) {
            names("columns", this.columns, columns);
            return this;
        }

        /** As {@link #columns(String...)}. */
        public Builder columns(List<String> columns) {
            return columns(columns.toArray(new String[0]));
        }

        /** The table's schema; by default the table is found through the search path. */
        public Builder schemaName(String schemaName) {
            this.schemaName = schemaName == null ? null : name("schemaName", schemaName);
            return this;
        }

        /** Fails the call with {@code QueryTimeoutException} (and cancels the COPY on the server) after this long. */
        public Builder timeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new InterfaceException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The options. */
        public CopyOptions build() {
            if (forceQuoteAll && !forceQuote.isEmpty()) {
                throw new InterfaceException("forceQuote: give columns or forceQuoteAll(), not both");
            }
            return new CopyOptions(this);
        }

        private static String literal(String option, String value) {
            if (value != null && value.indexOf('\0') >= 0) {
                throw new InterfaceException(option + " must not contain a NUL character");
            }
            return value;
        }

        private static void names(String option, List<String> target, String... names) {
            target.clear();
            for (String name : names) {
                target.add(name(option, name));
            }
        }

        private static String name(String option, String name) {
            if (name == null || name.isEmpty()) {
                throw new InterfaceException(option + ": a name must not be " + (name == null ? "null" : "empty"));
            }
            return literal(option, name);
        }
    }
}
