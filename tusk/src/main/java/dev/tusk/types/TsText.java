package dev.tusk.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The text forms of {@link TsVector} and {@link TsQuery} as PostgreSQL reads and writes them
 * ({@code tsvector_parser.c}, {@code tsvector.c}, {@code tsquery.c}), and the normalisation
 * {@code tsvectorin} applies. One instance parses one string.
 */
final class TsText {

    /** Lexemes in the server's order: by UTF-8 bytes, which is code point order. */
    static final Comparator<String> WORD_ORDER = TsText::compareCodePoints;

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int PHRASE = 3;
    private static final int NOT = 4;

    private final String text;
    private final String type;
    private int at;

    TsText(String text, String type) {
        this.text = text;
        this.type = type;
    }

    // ---- values -------------------------------------------------------------------------------

    static void checkWord(String word, String type) {
        if (word.isEmpty()) {
            throw new IllegalArgumentException(type + " lexeme is empty");
        }
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(type + " lexeme contains a NUL character: " + word.replace('\0', '?'));
        }
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static List<TsVector.Lexeme> normalizeLexemes(List<TsVector.Lexeme> lexemes) {
        boolean ordered = true;
        for (int i = 1; i < lexemes.size() && ordered; i++) {
            ordered = WORD_ORDER.compare(lexemes.get(i - 1).word(), lexemes.get(i).word()) < 0;
        }
        if (ordered) {
            return List.copyOf(lexemes);
        }
        List<TsVector.Lexeme> sorted = new ArrayList<>(lexemes);
        sorted.sort(Comparator.comparing(TsVector.Lexeme::word, WORD_ORDER));
        List<TsVector.Lexeme> merged = new ArrayList<>(sorted.size());
        for (TsVector.Lexeme lexeme : sorted) {
            TsVector.Lexeme last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.word().equals(lexeme.word())) {
                List<TsVector.Position> positions = new ArrayList<>(last.positions());
                positions.addAll(lexeme.positions());
                merged.set(merged.size() - 1, new TsVector.Lexeme(last.word(), positions));
            } else {
                merged.add(lexeme);
            }
        }
        return List.copyOf(merged);
    }

    static List<TsVector.Position> normalizePositions(List<TsVector.Position> positions) {
        boolean ordered = true;
        for (int i = 1; i < positions.size() && ordered; i++) {
            ordered = positions.get(i - 1).position() < positions.get(i).position();
        }
        List<TsVector.Position> result = ordered ? positions : merged(positions);
        if (result.size() > TsVector.Lexeme.MAX_POSITIONS) {
            throw new IllegalArgumentException("tsvector lexeme has " + result.size() + " positions (expected: at most "
                    + TsVector.Lexeme.MAX_POSITIONS + ")");
        }
        return List.copyOf(result);
    }

    /** Appends {@code word} in quotes with {@code '} and {@code \} doubled, as the server prints lexemes. */
    static void quote(String word, StringBuilder out) {
        out.append('\'');
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append(c);
            }
            out.append(c);
        }
        out.append('\'');
    }

    /** The server's text form of a query ({@code infix} of {@code tsquery.c}). */
    static String infix(TsQuery query) {
        StringBuilder out = new StringBuilder();
        infix(query, -1, false, out);
        return out.toString();
    }

    private static void infix(TsQuery query, int parentPriority, boolean rightPhraseOperand, StringBuilder out) {
        if (query instanceof TsQuery.Lexeme) {
            TsQuery.Lexeme lexeme = (TsQuery.Lexeme) query;
            quote(lexeme.word(), out);
            if (lexeme.prefix() || !lexeme.weights().isEmpty()) {
                out.append(':');
                if (lexeme.prefix()) {
                    out.append('*');
                }
                for (TsVector.Weight weight : lexeme.weights()) {
                    out.append(weight.name());
                }
            }
        } else if (query instanceof TsQuery.Not) {
            boolean parentheses = NOT < parentPriority;
            out.append(parentheses ? "( !" : "!");
            infix(((TsQuery.Not) query).operand(), NOT, false, out);
            out.append(parentheses ? " )" : "");
        } else if (query instanceof TsQuery.Empty) {
            return;
        } else {
            TsQuery left;
            TsQuery right;
            int priority;
            String operator;
            if (query instanceof TsQuery.And) {
                left = ((TsQuery.And) query).left();
                right = ((TsQuery.And) query).right();
                priority = AND;
                operator = " & ";
            } else if (query instanceof TsQuery.Or) {
                left = ((TsQuery.Or) query).left();
                right = ((TsQuery.Or) query).right();
                priority = OR;
                operator = " | ";
            } else {
                TsQuery.Phrase phrase = (TsQuery.Phrase) query;
                left = phrase.left();
                right = phrase.right();
                priority = PHRASE;
                operator = phrase.distance() == 1 ? " <-> " : " <" + phrase.distance() + "> ";
            }
            boolean parentheses = priority < parentPriority || (priority == PHRASE && rightPhraseOperand);
            out.append(parentheses ? "( " : "");
            infix(left, priority, false, out);
            out.append(operator);
            infix(right, priority, priority == PHRASE, out);
            out.append(parentheses ? " )" : "");
        }
    }

    // ---- parsing ------------------------------------------------------------------------------

    private IllegalArgumentException syntaxError() {
        return new IllegalArgumentException("syntax error in " + type + " at character " + (at + 1) + ": \""
                + text + "\"");
    }

    private boolean atEnd() {
        return at >= text.length();
    }

    private char current() {
        return text.charAt(at);
    }

    /** PostgreSQL's isspace in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isOperator(char c) {
        return c == '!' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<';
    }

    private void skipSpaces() {
        while (!atEnd() && isSpace(current())) {
            at++;
        }
    }

    /**
     * Reads one word (quoted or bare, backslash escaping any character) starting at a non-space;
     * in a query the operator characters end a bare word and so does {@code :}.
     */
    private String word(boolean query) {
        StringBuilder word = new StringBuilder();
        if (current() == '\'') {
            at++;
            while (true) {
                if (atEnd()) {
                    throw syntaxError();
                }
                char c = current();
                if (c == '\'') {
                    if (at + 1 < text.length() && text.charAt(at + 1) == '\'') {
                        word.append('\'');
                        at += 2;
                        continue;
                    }
                    at++;
                    break;
                }
                at = escapedOrPlain(word);
            }
        } else {
            while (!atEnd()) {
                char c = current();
                if (isSpace(c) || c == ':' || (query && isOperator(c))) {
                    break;
                }
                at = escapedOrPlain(word);
            }
        }
        if (word.length() == 0) {
            throw syntaxError();
        }
        return word.toString();
    }

    /** Appends the character at {@code at} (the one after it when it is a backslash); returns the next index. */
    private int escapedOrPlain(StringBuilder word) {
        int index = at;
        if (text.charAt(index) == '\\') {
            index++;
            if (index >= text.length()) {
                throw new IllegalArgumentException("there is no escaped character: \"" + text + "\"");
            }
        }
        int codePoint = text.codePointAt(index);
        word.appendCodePoint(codePoint);
        return index + Character.charCount(codePoint);
    }

    TsVector parseVector() {
        List<TsVector.Lexeme> lexemes = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (atEnd()) {
                return new TsVector(lexemes);
            }
            String word = word(false);
            List<TsVector.Position> positions = new ArrayList<>();
            if (!atEnd() && current() == ':') {
                at++;
                positions(positions);
            }
            lexemes.add(new TsVector.Lexeme(word, truncated(positions)));
        }
    }

    /** Reads {@code 1A,2,3B}; the server clamps positions above 16383 to 16383. */
    private void positions(List<TsVector.Position> positions) {
        while (true) {
            if (atEnd() || !isDigit(current())) {
                throw syntaxError();
            }
            long position = 0;
            while (!atEnd() && isDigit(current())) {
                position = Math.min(position * 10 + (current() - '0'), TsVector.Position.MAX);
                at++;
            }
            if (position == 0) {
                throw new IllegalArgumentException("wrong position info in tsvector: \"" + text + "\"");
            }
            TsVector.Weight weight = TsVector.Weight.D;
            while (!atEnd() && !isSpace(current()) && current() != ',') {
                TsVector.Weight letter = weightLetter(current());
                if (letter == null && !isDigit(current()) || letter != null && weight != TsVector.Weight.D) {
                    throw syntaxError();
                }
                weight = letter == null ? weight : letter;
                at++;
            }
            positions.add(new TsVector.Position((int) position, weight));
            if (atEnd() || isSpace(current())) {
                return;
            }
            at++;
        }
    }

    private static TsVector.Weight weightLetter(char c) {
        switch (Character.toUpperCase(c)) {
            case 'A':
            case '*':
                return TsVector.Weight.A;
            case 'B':
                return TsVector.Weight.B;
            case 'C':
                return TsVector.Weight.C;
            case 'D':
                return TsVector.Weight.D;
            default:
                return null;
        }
    }

    /** The positions a lexeme keeps: as {@code uniquePos}, at most 256, ending at the first 16383. */
    private static List<TsVector.Position> truncated(List<TsVector.Position> positions) {
        List<TsVector.Position> sorted = merged(positions);
        int keep = 0;
        while (keep < sorted.size() && keep < TsVector.Lexeme.MAX_POSITIONS) {
            keep++;
            if (sorted.get(keep - 1).position() == TsVector.Position.MAX) {
                break;
            }
        }
        return sorted.subList(0, keep);
    }

    /** {@code positions} sorted, each position once with the highest of its weights. */
    private static List<TsVector.Position> merged(List<TsVector.Position> positions) {
        List<TsVector.Position> sorted = new ArrayList<>(positions);
        sorted.sort(Comparator.comparingInt(TsVector.Position::position));
        List<TsVector.Position> result = new ArrayList<>(sorted.size());
        for (TsVector.Position position : sorted) {
            int last = result.size() - 1;
            if (last >= 0 && result.get(last).position() == position.position()) {
                if (position.weight().code() > result.get(last).weight().code()) {
                    result.set(last, position);
                }
            } else {
                result.add(position);
            }
        }
        return result;
    }

    TsQuery parseQuery() {
        skipSpaces();
        if (atEnd()) {
            return TsQuery.EMPTY;
        }
        TsQuery query = expression(OR);
        skipSpaces();
        if (!atEnd()) {
            throw syntaxError();
        }
        return query;
    }

    /** Operators of at least {@code minPriority}, left-associative, as {@code makepol} builds them. */
    private TsQuery expression(int minPriority) {
        TsQuery left = unary();
        while (true) {
            skipSpaces();
            if (atEnd()) {
                return left;
            }
            int start = at;
            char c = current();
            int priority;
            int distance = 1;
            if (c == '&') {
                priority = AND;
                at++;
            } else if (c == '|') {
                priority = OR;
                at++;
            } else if (c == '<') {
                priority = PHRASE;
                distance = phraseDistance();
            } else if (c == ')') {
                return left;
            } else {
                throw syntaxError();
            }
            if (priority < minPriority) {
                at = start;
                return left;
            }
            TsQuery right = expression(priority + 1);
            left = priority == AND ? new TsQuery.And(left, right)
                    : priority == OR ? new TsQuery.Or(left, right) : new TsQuery.Phrase(left, right, distance);
        }
    }

    private TsQuery unary() {
        skipSpaces();
        if (atEnd()) {
            throw new IllegalArgumentException("no operand in tsquery: \"" + text + "\"");
        }
        char c = current();
        if (c == '!') {
            at++;
            return new TsQuery.Not(unary());
        }
        if (c == '(') {
            at++;
            TsQuery inner = expression(OR);
            skipSpaces();
            if (atEnd() || current() != ')') {
                throw syntaxError();
            }
            at++;
            return inner;
        }
        if (c == ':' || isOperator(c)) {
            throw syntaxError();
        }
        String word = word(true);
        Set<TsVector.Weight> weights = EnumSet.noneOf(TsVector.Weight.class);
        boolean prefix = false;
        if (!atEnd() && current() == ':') {
            at++;
            while (!atEnd()) {
                char m = current();
                if (m == '*') {
                    prefix = true;
                } else if ("aAbBcCdD".indexOf(m) >= 0) {
                    weights.add(TsVector.Weight.valueOf(String.valueOf(Character.toUpperCase(m))));
                } else {
                    break;
                }
                at++;
            }
        }
        return new TsQuery.Lexeme(word, weights.isEmpty() ? Collections.emptySet() : weights, prefix);
    }

    /** Reads {@code <->} (1) or {@code <N>}. */
    private int phraseDistance() {
        at++;
        if (!atEnd() && current() == '-') {
            at++;
            if (atEnd() || current() != '>') {
                throw syntaxError();
            }
            at++;
            return 1;
        }
        long distance = 0;
        int digits = 0;
        while (!atEnd() && isDigit(current())) {
            distance = Math.min(distance * 10 + (current() - '0'), Integer.MAX_VALUE);
            digits++;
            at++;
        }
        if (digits == 0 || atEnd() || current() != '>') {
            throw syntaxError();
        }
        if (distance > TsQuery.MAX_DISTANCE) {
            throw new IllegalArgumentException("distance in phrase operator must be an integer value between zero and "
                    + TsQuery.MAX_DISTANCE + " inclusive");
        }
        at++;
        return (int) distance;
    }
}
