package dev.tusk.internal.options;

import dev.tusk.exceptions.InterfaceException;
import java.util.Map;

/**
 * The {@code keyword=value} form of a connection string, tokenized as libpq does: white space
 * separates pairs and may surround {@code =}; a value is either single-quoted or runs to the next
 * white space; a backslash takes the next character literally in both.
 */
final class KeywordValueDsnParser {

    private final String text;
    private int position;

    private KeywordValueDsnParser(String text) {
        this.text = text;
    }

    static void parse(String text, Map<String, String> values) {
        new KeywordValueDsnParser(text).parseInto(values);
    }

    private void parseInto(Map<String, String> values) {
        String previousKeyword = null;
        while (true) {
            skipSpaces();
            if (position == text.length()) {
                return;
            }
            String keyword = keyword(previousKeyword);
            position++; // the '='
            skipSpaces();
            String value = position < text.length() && text.charAt(position) == '\''
                    ? quotedValue(keyword)
                    : plainValue();
            Keywords.store(values, keyword, value);
            previousKeyword = keyword;
        }
    }

    private String keyword(String previousKeyword) {
        int start = position;
        while (position < text.length() && text.charAt(position) != '=' && !isSpace(text.charAt(position))) {
            position++;
        }
        String keyword = text.substring(start, position);
        skipSpaces();
        if (position == text.length() || text.charAt(position) != '=') {
            if (previousKeyword != null && Keywords.isSecret(previousKeyword)) {
                // The stray word is most likely the rest of a password that contains a space.
                throw new InterfaceException("missing \"=\" after the value of \"" + previousKeyword
                        + "\" in connection string (quote values that contain spaces: "
                        + previousKeyword + "='...')");
            }
            throw new InterfaceException("missing \"=\" after \"" + keyword + "\" in connection string");
        }
        if (keyword.isEmpty()) {
            throw new InterfaceException("missing keyword before \"=\" at position " + (position + 1)
                    + " in connection string");
        }
        return keyword;
    }

    private String plainValue() {
        StringBuilder value = new StringBuilder();
        while (position < text.length() && !isSpace(text.charAt(position))) {
            char c = text.charAt(position++);
            if (c == '\\' && position < text.length()) {
                c = text.charAt(position++);
            }
            value.append(c);
        }
        return value.toString();
    }

    private String quotedValue(String keyword) {
        StringBuilder value = new StringBuilder();
        position++; // the opening quote
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '\'') {
                return value.toString();
            }
            if (c == '\\' && position < text.length()) {
                c = text.charAt(position++);
            }
            value.append(c);
        }
        throw new InterfaceException("unterminated quoted value of \"" + keyword + "\" in connection string");
    }

    private void skipSpaces() {
        while (position < text.length() && isSpace(text.charAt(position))) {
            position++;
        }
    }

    /** C's isspace() in the C locale, which is what libpq's tokenizer uses. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
