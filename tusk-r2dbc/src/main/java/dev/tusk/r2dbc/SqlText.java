package dev.tusk.r2dbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SQL text of a statement outside string literals (standard, {@code E'...'} with
 * backslash escapes, and dollar-quoted), quoted identifiers and comments (nested block comments
 * included): counts its parameters (the highest {@code $n} placeholder) and splits a text of
 * several statements at its semicolons.
 */
final class SqlText {

    private SqlText() {
    }

    /** The highest placeholder number in {@code sql}, or 0 when it has none. */
    static int count(String sql) {
        return scan(sql, null);
    }

    /**
     * The statements of {@code sql}, split at the semicolons between them; empty ones (blanks or
     * comments only, as after a final semicolon) are left out, as the server's parser leaves them
     * out of a script.
     */
    static List<String> statements(String sql) {
        List<Integer> semicolons = new ArrayList<>();
        scan(sql, semicolons);
        List<String> statements = new ArrayList<>(semicolons.size() + 1);
        int start = 0;
        for (int end : semicolons) {
            addUnlessBlank(statements, sql.substring(start, end));
            start = end + 1;
        }
        addUnlessBlank(statements, sql.substring(start));
        return statements;
    }

    private static void addUnlessBlank(List<String> statements, String statement) {
        if (hasCode(statement)) {
            statements.add(statement);
        }
    }

    /** Whether {@code sql} has anything but blanks and comments. */
    private static boolean hasCode(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                i = skipBlockComment(sql, i + 2);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                return true;
            }
        }
        return false;
    }

    /**
     * The highest placeholder number in {@code sql}; the positions of its statement-ending
     * semicolons are added to {@code semicolons} when it is not null.
     */
    private static int scan(String sql, List<Integer> semicolons) {
        int highest = 0;
        int length = sql.length();
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\'') {
                boolean backslashes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
                i = skipQuoted(sql, i + 1, '\'', backslashes);
            } else if (c == '"') {
                i = skipQuoted(sql, i + 1, '"', false);
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i + 2);
            } else if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
                int digits = i + 1;
                while (digits < length && Character.isDigit(sql.charAt(digits))) {
                    digits++;
                }
                if (digits > i + 1) {
                    if (digits - i - 1 > 5) {
                        throw new IllegalArgumentException("parameter placeholder " + sql.substring(i, digits)
                                + " is out of range (expected: $1 to $65535)");
                    }
                    highest = Math.max(highest, Integer.parseInt(sql.substring(i + 1, digits)));
                    i = digits;
                } else {
                    i = skipDollarQuote(sql, i);
                }
            } else {
                if (c == ';' && semicolons != null) {
                    semicolons.add(i);
                }
                i++;
            }
        }
        return highest;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The index after the closing quote; a doubled quote is part of the text. */
    private static int skipQuoted(String sql, int from, char quote, boolean backslashes) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    private static int skipBlockComment(String sql, int from) {
        int depth = 1;
        int i = from;
        while (i < sql.length() && depth > 0) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else {
                i++;
            }
        }
        return i;
    }

    /** After a dollar-quoted string starting at {@code start} ({@code $tag$...$tag$}), or past a lone {@code $}. */
    private static int skipDollarQuote(String sql, int start) {
        int tagEnd = start + 1;
        while (tagEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
            return start + 1;
        }
        String tag = sql.substring(start, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }
}
