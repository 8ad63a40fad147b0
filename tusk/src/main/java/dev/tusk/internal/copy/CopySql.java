package dev.tusk.internal.copy;

import dev.tusk.CopyFormat;
import dev.tusk.CopyOptions;
import dev.tusk.exceptions.InterfaceException;
import java.util.List;
import java.util.StringJoiner;

/**
 * Builds the COPY statements. Every name is a quoted identifier and every option value a string
 * literal, so no text from the caller is pasted into SQL unquoted; the only exceptions are the
 * query of {@code copyFromQuery} and the {@code where} condition, which are SQL by definition.
 */
public final class CopySql {

    private CopySql() {
    }

    /** {@code COPY "schema"."table" ("a", "b") TO STDOUT (options)}. */
    public static String tableToStdout(String table, CopyOptions options) {
        refuseWhere(options, "copyFromTable");
        return "COPY " + target(table, options) + " TO STDOUT" + optionList(options, options.format());
    }

    /** {@code COPY (query) TO STDOUT (options)}. */
    public static String queryToStdout(String query, CopyOptions options) {
        refuseWhere(options, "copyFromQuery");
        if (!options.columns().isEmpty() || options.schemaName() != null) {
            throw new InterfaceException("copyFromQuery takes no columns or schemaName: the query chooses them");
        }
        if (query.isBlank()) {
            throw new InterfaceException("copyFromQuery: the query must not be blank");
        }
        return "COPY (" + query + ") TO STDOUT" + optionList(options, options.format());
    }

    /** {@code COPY "schema"."table" ("a", "b") FROM STDIN (options) WHERE condition}. */
    public static String stdinToTable(String table, CopyOptions options, CopyFormat format) {
        String sql = "COPY " + target(table, options) + " FROM STDIN" + optionList(options, format);
        return options.where() == null ? sql : sql + " WHERE " + options.where();
    }

    /** A query whose description gives the type of each column a COPY of {@code columns} loads. */
    public static String describeColumns(String table, String schemaName, List<String> columns) {
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + qualified(table, schemaName));
        for (String column : columns) {
            select.add(identifier(column));
        }
        return select.toString();
    }

    /**
     * The columns COPY loads when given no column list: every column but dropped and generated ones,
     * in table order. Takes the qualified table name as its parameter ({@code $1::text::regclass}).
     */
    public static final String DEFAULT_COLUMNS = "SELECT attname::text FROM pg_catalog.pg_attribute"
            + " WHERE attrelid = $1::text::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''"
            + " ORDER BY attnum";

    /** {@code "schema"."table"} or {@code "table"}. */
    public static String qualified(String table, String schemaName) {
        if (table == null || table.isEmpty()) {
            throw new InterfaceException("the table name must not be " + (table == null ? "null" : "empty"));
        }
        return schemaName == null ? identifier(table) : identifier(schemaName) + "." + identifier(table);
    }

    /** A quoted identifier: the name between double quotes, each double quote doubled. */
    public static String identifier(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new InterfaceException("a name must not contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * A string literal in the escape form ({@code E'...'}), whose meaning does not depend on
     * {@code standard_conforming_strings}: backslashes and single quotes doubled.
     */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new InterfaceException("a COPY option value must not contain a NUL character");
        }
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String target(String table, CopyOptions options) {
        String name = qualified(table, options.schemaName());
        return options.columns().isEmpty() ? name : name + " " + nameList(options.columns());
    }

    private static void refuseWhere(CopyOptions options, String method) {
        if (options.where() != null) {
            throw new InterfaceException(method + " takes no where condition: it applies to COPY FROM only");
        }
    }

    private static String optionList(CopyOptions options, CopyFormat format) {
        StringJoiner list = new StringJoiner(", ", " (", ")").setEmptyValue("");
        if (format != null) {
            list.add("FORMAT " + format.keyword());
        }
        flag(list, "OIDS", options.oids());
        flag(list, "FREEZE", options.freeze());
        value(list, "DELIMITER", options.delimiter());
        value(list, "NULL", options.nullString());
        flag(list, "HEADER", options.header());
        value(list, "QUOTE", options.quote());
        value(list, "ESCAPE", options.escape());
        if (options.forceQuoteAll()) {
            list.add("FORCE_QUOTE *");
        } else {
            names(list, "FORCE_QUOTE", options.forceQuote());
        }
        names(list, "FORCE_NOT_NULL", options.forceNotNull());
        names(list, "FORCE_NULL", options.forceNull());
        value(list, "ENCODING", options.encoding());
        return list.toString();
    }

    private static void flag(StringJoiner list, String option, Boolean value) {
        if (value != null) {
            list.add(option + (value ? " true" : " false"));
        }
    }

    private static void value(StringJoiner list, String option, String value) {
        if (value != null) {
            list.add(option + " " + literal(value));
        }
    }

    private static void names(StringJoiner list, String option, List<String> names) {
        if (!names.isEmpty()) {
            list.add(option + " " + nameList(names));
        }
    }

    private static String nameList(List<String> names) {
        StringJoiner list = new StringJoiner(", ", "(", ")");
        for (String name : names) {
            list.add(identifier(name));
        }
        return list.toString();
    }
}
