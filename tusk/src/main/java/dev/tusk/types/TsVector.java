package dev.tusk.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL {@code tsvector}: a sorted list of distinct lexemes, each with the positions (1 to
 * 16383) where it occurs and a weight for each position. Built the way the server builds one, so
 * that a value equals what the server returns for it: lexemes are sorted by their UTF-8 bytes and
 * merged when repeated, positions sorted and merged (keeping the higher weight).
 * {@link #toString()} is the server's text form, {@code 'a':1A 'cat':2,3}, and {@link #parse}
 * reads it.
 *
 * @param lexemes the lexemes, sorted and distinct
 */
public record TsVector(List<Lexeme> lexemes) {

    /** The vector without lexemes. */
    public static final TsVector EMPTY = new TsVector(List.of());

    /** Sorts and merges {@code lexemes} as {@code tsvectorin} does. */
    public TsVector {
        lexemes = TsText.normalizeLexemes(lexemes);
    }

    /** A vector of {@code words} without positions. */
    public static TsVector of(String... words) {
        List<Lexeme> lexemes = new ArrayList<>(words.length);
        for (String word : words) {
            lexemes.add(new Lexeme(word, List.of()));
        }
        return new TsVector(lexemes);
    }

    /**
     * Parses PostgreSQL's text form, as {@code tsvectorin} does: whitespace-separated lexemes,
     * each bare (backslash escapes a character) or quoted ({@code 'it''s'}), optionally followed by
     * {@code :} and comma-separated positions with weights ({@code 'cat':1A,5}).
     *
     * @throws IllegalArgumentException when {@code text} is not a valid tsvector
     */
    public static TsVector parse(String text) {
        return new TsText(text, "tsvector").parseVector();
    }

    /** PostgreSQL's text form, e.g. {@code 'a':1A 'it''s' 'cat':2,3}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Lexeme lexeme : lexemes) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(lexeme);
        }
        return text.toString();
    }

    /** A position's weight; D is the default and is not printed. */
    public enum Weight {
        A, B, C, D;

        /** The 2-bit code in {@code WordEntryPos}: 3 for A down to 0 for D. */
        public int code() {
            return 3 - ordinal();
        }

        /** The weight whose 2-bit code is {@code code}. */
        public static Weight ofCode(int code) {
            return values()[3 - (code & 3)];
        }
    }

    /**
     * Where a lexeme occurs.
     *
     * @param position from 1 to 16383
     * @param weight   its weight
     */
    public record Position(int position, Weight weight) {

        /** The highest position PostgreSQL stores. */
        public static final int MAX = 16383;

        /** Checks the position's range. */
        public Position {
            Objects.requireNonNull(weight, "weight");
            if (position < 1 || position > MAX) {
                throw new IllegalArgumentException("tsvector position: " + position + " (expected: 1.." + MAX + ")");
            }
        }

        /** A position of weight D. */
        public static Position of(int position) {
            return new Position(position, Weight.D);
        }

        /** {@code 3A}, or {@code 3} for weight D. */
        @Override
        public String toString() {
            return weight == Weight.D ? Integer.toString(position) : position + weight.name();
        }
    }

    /**
     * One lexeme and its positions (none when the vector was built without them).
     *
     * @param word      the lexeme: not empty, without NUL characters
     * @param positions at most 256, sorted and distinct
     */
    public record Lexeme(String word, List<Position> positions) {

        /** The most positions PostgreSQL keeps for a lexeme. */
        public static final int MAX_POSITIONS = 256;

        /** Checks the word and sorts and merges the positions as {@code tsvectorin} does. */
        public Lexeme {
            TsText.checkWord(word, "tsvector");
            positions = TsText.normalizePositions(positions);
        }

        /** A lexeme at {@code positions} of weight D. */
        public static Lexeme of(String word, int... positions) {
            List<Position> list = new ArrayList<>(positions.length);
            for (int position : positions) {
                list.add(Position.of(position));
            }
            return new Lexeme(word, list);
        }

        /** {@code 'word':1A,2}: quoted, with {@code '} and {@code \} doubled. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            TsText.quote(word, text);
            if (!positions.isEmpty()) {
                text.append(':');
                for (int i = 0; i < positions.size(); i++) {
                    text.append(i == 0 ? "" : ",").append(positions.get(i));
                }
            }
            return text.toString();
        }
    }
}
