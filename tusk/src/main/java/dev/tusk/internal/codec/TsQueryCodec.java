package dev.tusk.internal.codec;

import dev.tusk.types.TsQuery;
import dev.tusk.types.TsVector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code tsquery} ↔ {@link TsQuery} ({@code tsquerysend}): a 32-bit count of items, then the items
 * in prefix order, each operator followed by its right operand and then its left one. A lexeme is
 * type 1, a weight bitmap (8 = A ... 1 = D), a prefix flag and NUL-terminated UTF-8; an operator is
 * type 2 and its code (1 {@code !}, 2 {@code &}, 3 {@code |}, 4 phrase, followed by a 16-bit
 * distance). The empty query is read but cannot be sent: {@code tsqueryrecv} refuses it. Both
 * directions walk the tree with an explicit stack, so a deep query cannot
 * overflow the thread's stack. Arguments may be a TsQuery or a String in the server's text
 * syntax, parsed as {@code tsqueryin} would.
 */
final class TsQueryCodec extends AbstractCodec {

    static final TsQueryCodec INSTANCE = new TsQueryCodec();

    private static final int VALUE = 1;
    private static final int OPERATOR = 2;
    private static final int NOT = 1;
    private static final int AND = 2;
    private static final int OR = 3;
    private static final int PHRASE = 4;

    private TsQueryCodec() {
        super(Oids.TSQUERY, "tsquery", TsQuery.class);
    }

    /** The index of the NUL ending the string at {@code at}; it must come before {@code end}. */
    static int findNul(byte[] buf, int at, int end, String typeName) {
        for (int i = at; i < end; i++) {
            if (buf[i] == 0) {
                return i;
            }
        }
        throw new DecodeException(typeName + " ends inside a lexeme (no NUL terminator)");
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkMinLength("tsquery", length, 4);
        int count = Bytes.getInt(buf, offset);
        // Each item takes at least 2 bytes.
        if (count < 0 || count > (length - 4) / 2) {
            throw new DecodeException("tsquery item count: " + count + " (expected: 0.." + (length - 4) / 2 + " for "
                    + length + " bytes)");
        }
        int end = offset + length;
        int at = offset + 4;
        // Items are read first, then assembled from the last one: reversed prefix order is postfix order.
        Object[] items = new Object[count];
        for (int i = 0; i < count; i++) {
            if (end - at < 2) {
                throw new DecodeException("tsquery ends inside item " + i);
            }
            int type = buf[at];
            if (type == VALUE) {
                if (end - at < 4) {
                    throw new DecodeException("tsquery ends inside lexeme item " + i);
                }
                int weights = buf[at + 1] & 0xFF;
                boolean prefix = buf[at + 2] != 0;
                int nul = findNul(buf, at + 3, end, "tsquery");
                items[i] = lexeme(new String(buf, at + 3, nul - at - 3, StandardCharsets.UTF_8), weights, prefix);
                at = nul + 1;
            } else if (type == OPERATOR) {
                int operator = buf[at + 1];
                at += 2;
                if (operator == PHRASE) {
                    if (end - at < 2) {
                        throw new DecodeException("tsquery ends inside the distance of item " + i);
                    }
                    int distance = Bytes.getShort(buf, at);
                    at += 2;
                    if (distance < 0 || distance > TsQuery.MAX_DISTANCE) {
                        throw new DecodeException("tsquery phrase distance: " + distance + " (expected: 0.."
                                + TsQuery.MAX_DISTANCE + ")");
                    }
                    items[i] = -distance - 1;
                } else if (operator == NOT || operator == AND || operator == OR) {
                    items[i] = operator;
                } else {
                    throw new DecodeException("tsquery operator: " + operator + " (expected: 1..4)");
                }
            } else {
                throw new DecodeException("tsquery item " + i + " type: " + type + " (expected: 1 or 2)");
            }
        }
        if (at != end) {
            throw new DecodeException("tsquery has " + (end - at) + " bytes after its last item");
        }
        return count == 0 ? TsQuery.EMPTY : assemble(items);
    }

    private static TsQuery lexeme(String word, int weights, boolean prefix) {
        if (weights > 0xF) {
            throw new DecodeException("tsquery weight bitmap: " + weights + " (expected: 0..15)");
        }
        Set<TsVector.Weight> set = EnumSet.noneOf(TsVector.Weight.class);
        for (TsVector.Weight weight : TsVector.Weight.values()) {
            if ((weights & 1 << weight.code()) != 0) {
                set.add(weight);
            }
        }
        try {
            return new TsQuery.Lexeme(word, set, prefix);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
    }

    /** Builds the tree from lexemes ({@link TsQuery}), operator codes and phrases ({@code -distance - 1}). */
    private static TsQuery assemble(Object[] items) {
        Deque<TsQuery> stack = new ArrayDeque<>();
        for (int i = items.length - 1; i >= 0; i--) {
            Object item = items[i];
            if (item instanceof TsQuery) {
                stack.push((TsQuery) item);
                continue;
            }
            int code = (Integer) item;
            int operands = code == NOT ? 1 : 2;
            if (stack.size() < operands) {
                throw new DecodeException("tsquery operator at item " + i + " lacks an operand");
            }
            if (code == NOT) {
                stack.push(new TsQuery.Not(stack.pop()));
                continue;
            }
            TsQuery right = stack.pop();
            TsQuery left = stack.pop();
            stack.push(code == AND ? new TsQuery.And(left, right) : code == OR ? new TsQuery.Or(left, right)
                    : new TsQuery.Phrase(left, right, -code - 1));
        }
        if (stack.size() != 1) {
            throw new DecodeException("tsquery has " + stack.size() + " separate operands (expected: one tree)");
        }
        return stack.pop();
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        TsQuery query;
        if (value instanceof TsQuery) {
            query = (TsQuery) value;
        } else if (value instanceof CharSequence) {
            try {
                query = TsQuery.parse(value.toString());
            } catch (IllegalArgumentException e) {
                throw new EncodeException(e.getMessage());
            }
        } else {
            throw EncodeException.wrongType("TsQuery or its text form for tsquery", value);
        }
        if (query instanceof TsQuery.Empty) {
            throw new EncodeException("the empty tsquery cannot be sent in binary: PostgreSQL's tsqueryrecv refuses"
                    + " it (\"malformed tsquery: operand not found\"); write ''::tsquery in the SQL instead");
        }
        int countIndex = out.writerIndex();
        out.writeInt(0);
        int count = 0;
        Deque<TsQuery> pending = new ArrayDeque<>();
        pending.push(query);
        while (!pending.isEmpty()) {
            TsQuery item = pending.pop();
            count++;
            if (item instanceof TsQuery.Lexeme) {
                writeLexeme((TsQuery.Lexeme) item, out);
            } else if (item instanceof TsQuery.Not) {
                out.writeByte(OPERATOR).writeByte(NOT);
                pending.push(((TsQuery.Not) item).operand());
            } else if (item instanceof TsQuery.And) {
                out.writeByte(OPERATOR).writeByte(AND);
                pushOperands(pending, ((TsQuery.And) item).left(), ((TsQuery.And) item).right());
            } else if (item instanceof TsQuery.Or) {
                out.writeByte(OPERATOR).writeByte(OR);
                pushOperands(pending, ((TsQuery.Or) item).left(), ((TsQuery.Or) item).right());
            } else {
                TsQuery.Phrase phrase = (TsQuery.Phrase) item;
                out.writeByte(OPERATOR).writeByte(PHRASE).writeShort(phrase.distance());
                pushOperands(pending, phrase.left(), phrase.right());
            }
        }
        out.setInt(countIndex, count);
    }

    /** The right operand is written first, so it is popped first. */
    private static void pushOperands(Deque<TsQuery> pending, TsQuery left, TsQuery right) {
        pending.push(left);
        pending.push(right);
    }

    private static void writeLexeme(TsQuery.Lexeme lexeme, ByteBuf out) {
        int weights = 0;
        for (TsVector.Weight weight : lexeme.weights()) {
            weights |= 1 << weight.code();
        }
        out.writeByte(VALUE).writeByte(weights).writeByte(lexeme.prefix() ? 1 : 0);
        ByteBufUtil.writeUtf8(out, lexeme.word());
        out.writeByte(0);
    }
}
