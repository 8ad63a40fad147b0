package dev.tusk.r2dbc;

/**
 * Counts the parameters of a statement: the highest {@code $n} placeholder outside string
 * literals (standard, {@code E'...'} with backslash escapes, and dollar-quoted), quoted
 * identifiers and comments (nested block comments included).
 */
final class Placeholders {

    private Placeholders() {
    }

    /** The highest placeholder number in {@code sql}, or 0 when it has none. */
    static int count(String sql) {
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
