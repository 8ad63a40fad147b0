package dev.tusk.types;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A PostgreSQL {@code tsquery}: a tree of lexemes joined by {@code &} ({@link And}), {@code |}
 * ({@link Or}), {@code <->}/{@code <N>} ({@link Phrase}) and negated by {@code !} ({@link Not}), or
 * the empty query. Kept as a tree, exactly as the server stores it, so that nothing is lost (the
 * text form is not: {@code a & (b & c)} prints as {@code 'a' & 'b' & 'c'}). {@link #toString()} is
 * the server's text form and {@link #parse} reads it.
 *
 * <pre>{@code
 * TsQuery query = TsQuery.lexeme("fat").and(TsQuery.prefix("rat").or(TsQuery.lexeme("cat").negate()));
 * query.toString(); // 'fat' & ( 'rat':* | !'cat' )
 * }</pre>
 */
public sealed interface TsQuery permits TsQuery.Empty, TsQuery.Lexeme, TsQuery.Not, TsQuery.And, TsQuery.Or,
        TsQuery.Phrase {

    /** The query without lexemes, whose text form is empty. */
    TsQuery EMPTY = new Empty();

    /** The largest distance of a phrase operator. */
    int MAX_DISTANCE = 16384;

    /** A lexeme without weights, not a prefix. */
    static Lexeme lexeme(String word) {
        return new Lexeme(word, Set.of(), false);
    }

    /** A lexeme matching every word it is a prefix of ({@code 'word':*}). */
    static Lexeme prefix(String word) {
        return new Lexeme(word, Set.of(), true);
    }

    /**
     * Parses PostgreSQL's text form as {@code tsqueryin} does (without text-search configuration:
     * words are taken as they are, like {@code 'text'::tsquery}, not {@code to_tsquery}).
     *
     * @throws IllegalArgumentException when {@code text} is not a valid tsquery
     */
    static TsQuery parse(String text) {
        return new TsText(text, "tsquery").parseQuery();
    }

    /** {@code this & other}. */
    default TsQuery and(TsQuery other) {
        return new And(this, other);
    }

    /** {@code this | other}. */
    default TsQuery or(TsQuery other) {
        return new Or(this, other);
    }

    /** {@code !this}. */
    default TsQuery negate() {
        return new Not(this);
    }

    /** {@code this <-> other}: {@code other} follows right after this. */
    default TsQuery followedBy(TsQuery other) {
        return new Phrase(this, other, 1);
    }

    /** {@code this <distance> other}: {@code other} follows {@code distance} positions after this. */
    default TsQuery followedBy(TsQuery other, int distance) {
        return new Phrase(this, other, distance);
    }

    /** The query without lexemes. */
    record Empty() implements TsQuery {
        /** The empty string, as the server prints it. */
        @Override
        public String toString() {
            return "";
        }
    }

    /**
     * A lexeme, optionally restricted to positions of some weights and matching as a prefix.
     *
     * @param word    the lexeme: not empty, without NUL characters
     * @param weights the weights it matches; empty for all
     * @param prefix  whether it matches every lexeme it is a prefix of
     */
    record Lexeme(String word, Set<TsVector.Weight> weights, boolean prefix) implements TsQuery {

        /** Checks the word and copies the weights. */
        public Lexeme {
            TsText.checkWord(word, "tsquery");
            weights = weights.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(weights));
        }

        /** This lexeme matching only positions of {@code weights}. */
        public Lexeme withWeights(TsVector.Weight... weights) {
            Set<TsVector.Weight> set = EnumSet.noneOf(TsVector.Weight.class);
            Collections.addAll(set, weights);
            return new Lexeme(word, set, prefix);
        }

        @Override
        public String toString() {
            return TsText.infix(this);
        }
    }

    /** {@code !operand}. @param operand the negated query */
    record Not(TsQuery operand) implements TsQuery {
        /** Checks the operand. */
        public Not {
            checkOperand(operand);
        }

        @Override
        public String toString() {
            return TsText.infix(this);
        }
    }

    /** {@code left & right}. @param left the left operand @param right the right operand */
    record And(TsQuery left, TsQuery right) implements TsQuery {
        /** Checks the operands. */
        public And {
            checkOperand(left);
            checkOperand(right);
        }

        @Override
        public String toString() {
            return TsText.infix(this);
        }
    }

    /** {@code left | right}. @param left the left operand @param right the right operand */
    record Or(TsQuery left, TsQuery right) implements TsQuery {
        /** Checks the operands. */
        public Or {
            checkOperand(left);
            checkOperand(right);
        }

        @Override
        public String toString() {
            return TsText.infix(this);
        }
    }

    /**
     * {@code left <distance> right}, printed {@code <->} for distance 1.
     *
     * @param left     the left operand
     * @param right    the right operand
     * @param distance from 0 to {@value TsQuery#MAX_DISTANCE}
     */
    record Phrase(TsQuery left, TsQuery right, int distance) implements TsQuery {
        /** Checks the operands and the distance. */
        public Phrase {
            checkOperand(left);
            checkOperand(right);
            if (distance < 0 || distance > MAX_DISTANCE) {
                throw new IllegalArgumentException("tsquery phrase distance: " + distance + " (expected: 0.."
                        + MAX_DISTANCE + ")");
            }
        }

        @Override
        public String toString() {
            return TsText.infix(this);
        }
    }

    private static void checkOperand(TsQuery operand) {
        Objects.requireNonNull(operand, "operand");
        if (operand instanceof Empty) {
            throw new IllegalArgumentException("the empty tsquery cannot be an operand");
        }
    }
}
