package dev.tusk.internal.command;

import java.util.Locale;

/**
 * Recognises the plain single-row INSERT that {@code executemany} may rewrite to insert a whole
 * chunk of rows at once (see {@link InsertRewrite}):
 *
 * <pre>
 * INSERT INTO name[.name...] [AS alias] [(column, ...)] [OVERRIDING {SYSTEM|USER} VALUE]
 *     VALUES ($1, $2, ..., $n) [;]
 * </pre>
 *
 * <p>Each value is exactly one parameter and the parameters are numbered 1 to n in order; nothing
 * may follow the VALUES list but white space, comments and one semicolon (so no RETURNING, no ON
 * CONFLICT, no second tuple). Names may be double-quoted; comments ({@code --} and nested
 * {@code /* *}{@code /}) may appear anywhere. Anything else the grammar above does not name — a
 * string literal, a dollar-quoted string, a number, an operator, a cast, a WITH clause — makes the
 * statement not rewritable, so that a literal holding {@code $1} or {@code VALUES} can never be
 * misread. Pure and thread-safe.
 */
public final class InsertStatementScanner {

    /** PostgreSQL's limit on the parameters of one statement. */
    private static final int MAX_PARAMETERS = 65535;

    private final String sql;
    private final int length;
    private int position;
    /** The current token: its kind, where it starts and, for a parameter, its number. */
    private Kind kind;
    private int start;
    private int number;

    private enum Kind { WORD, QUOTED_NAME, PARAMETER, PUNCTUATION, END, OTHER }

    private InsertStatementScanner(String sql) {
        this.sql = sql;
        this.length = sql.length();
    }

    /**
     * The rewrite of {@code sql}, or null when it is not a plain single-row INSERT of parameters.
     */
    public static InsertRewrite scan(String sql) {
        return new InsertStatementScanner(sql).match();
    }

    /**
     * The first word of {@code sql} in upper case, after white space, comments and opening
     * parentheses; empty when the statement does not begin with a word.
     */
    static String leadingKeyword(String sql) {
        InsertStatementScanner scanner = new InsertStatementScanner(sql);
        scanner.advance();
        while (scanner.isPunctuation('(')) {
            scanner.advance();
        }
        return scanner.kind == Kind.WORD ? sql.substring(scanner.start, scanner.position).toUpperCase(Locale.ROOT) : "";
    }

    private InsertRewrite match() {
        advance();
        if (!keyword("INSERT") || !keyword("INTO") || !qualifiedName()) {
            return null;
        }
        if (isKeyword("AS") && (!keyword("AS") || !name())) {
            return null;
        }
        if (isPunctuation('(') && !columnList()) {
            return null;
        }
        if (isKeyword("OVERRIDING")) {
            advance();
            if (!(keyword("SYSTEM") || keyword("USER")) || !keyword("VALUE")) {
                return null;
            }
        }
        if (!isKeyword("VALUES")) {
            return null;
        }
        int valuesAt = start;
        advance();
        int count = parameterList();
        if (count == 0) {
            return null;
        }
        if (isPunctuation(';')) {
            advance();
        }
        return kind == Kind.END ? new InsertRewrite(sql, sql.substring(0, valuesAt), count) : null;
    }

    /** {@code (column, ...)}: plain or quoted names only (no subfields or subscripts). */
    private boolean columnList() {
        advance();
        do {
            if (!name()) {
                return false;
            }
        } while (punctuation(','));
        return punctuation(')');
    }

    /** {@code ($1, $2, ..., $n)}; returns n, or 0 when the list is anything else. */
    private int parameterList() {
        if (!punctuation('(')) {
            return 0;
        }
        int expected = 1;
        do {
            if (kind != Kind.PARAMETER || number != expected) {
                return 0;
            }
            expected++;
            advance();
        } while (punctuation(','));
        return punctuation(')') ? expected - 1 : 0;
    }

    private boolean qualifiedName() {
        if (!name()) {
            return false;
        }
        while (punctuation('.')) {
            if (!name()) {
                return false;
            }
        }
        return true;
    }

    private boolean name() {
        if (kind == Kind.WORD || kind == Kind.QUOTED_NAME) {
            advance();
            return true;
        }
        return false;
    }

    private boolean keyword(String word) {
        if (isKeyword(word)) {
            advance();
            return true;
        }
        return false;
    }

    private boolean isKeyword(String word) {
        return kind == Kind.WORD && position - start == word.length() && sql.regionMatches(true, start, word, 0, word.length());
    }

    private boolean punctuation(char c) {
        if (isPunctuation(c)) {
            advance();
            return true;
        }
        return false;
    }

    private boolean isPunctuation(char c) {
        return kind == Kind.PUNCTUATION && sql.charAt(start) == c;
    }

    // ---- the lexer: PostgreSQL's rules for the tokens the grammar uses; anything else is OTHER

    /** Moves to the next token, skipping white space and comments. */
    private void advance() {
        if (!skipSpaceAndComments()) {
            kind = Kind.OTHER; // an unterminated comment
            return;
        }
        start = position;
        if (position == length) {
            kind = Kind.END;
            return;
        }
        char c = sql.charAt(position);
        if (isIdentifierStart(c)) {
            position++;
            while (position < length && isIdentifierPart(sql.charAt(position))) {
                position++;
            }
            // E'...', B'...', X'...', N'...' and U&'...' are literals, not names
            boolean literal = position < length && (sql.charAt(position) == '\'' || sql.charAt(position) == '&');
            kind = literal ? Kind.OTHER : Kind.WORD;
        } else if (c == '"') {
            kind = quotedName() ? Kind.QUOTED_NAME : Kind.OTHER;
        } else if (c == '$') {
            kind = parameter() ? Kind.PARAMETER : Kind.OTHER;
        } else if (c == '(' || c == ')' || c == ',' || c == '.' || c == ';') {
            position++;
            kind = Kind.PUNCTUATION;
        } else {
            kind = Kind.OTHER; // strings, numbers, operators, casts, ...: never part of a rewritable INSERT
        }
        if (kind == Kind.OTHER) {
            position = length; // stop scanning: the statement is not rewritable
        }
    }

    /** Returns false on an unterminated block comment. */
    private boolean skipSpaceAndComments() {
        while (position < length) {
            char c = sql.charAt(position);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
                position++;
            } else if (c == '-' && next(1) == '-') {
                while (position < length && sql.charAt(position) != '\n' && sql.charAt(position) != '\r') {
                    position++;
                }
            } else if (c == '/' && next(1) == '*') {
                if (!skipBlockComment()) {
                    return false;
                }
            } else {
                return true;
            }
        }
        return true;
    }

    /** Block comments nest in PostgreSQL. */
    private boolean skipBlockComment() {
        int depth = 0;
        while (position < length) {
            char c = sql.charAt(position);
            if (c == '/' && next(1) == '*') {
                depth++;
                position += 2;
            } else if (c == '*' && next(1) == '/') {
                depth--;
                position += 2;
                if (depth == 0) {
                    return true;
                }
            } else {
                position++;
            }
        }
        return false;
    }

    /** {@code "name"} with {@code ""} for a quote; false when unterminated or empty. */
    private boolean quotedName() {
        position++;
        while (position < length) {
            if (sql.charAt(position) == '"') {
                if (next(1) == '"') {
                    position += 2;
                    continue;
                }
                position++;
                return position - start > 2;
            }
            position++;
        }
        return false;
    }

    /** {@code $n}; false for a dollar quote, {@code $} alone, or a number glued to a name. */
    private boolean parameter() {
        position++;
        int digits = position;
        while (position < length && Character.isDigit(sql.charAt(position)) && sql.charAt(position) < 128) {
            position++;
        }
        int count = position - digits;
        if (count == 0 || count > 5 || (position < length && isIdentifierPart(sql.charAt(position)))) {
            return false;
        }
        number = Integer.parseInt(sql, digits, position, 10);
        return number >= 1 && number <= MAX_PARAMETERS;
    }

    private char next(int offset) {
        return position + offset < length ? sql.charAt(position + offset) : '\0';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
