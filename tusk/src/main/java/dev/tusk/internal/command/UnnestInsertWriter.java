package dev.tusk.internal.command;

import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.codec.CodecRegistry;
import dev.tusk.internal.codec.EncodeException;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Writes the rows of an executemany of a rewritable INSERT ({@link InsertRewrite}) in chunks:
 * each chunk's rows encoded, by the codecs of the original statement's parameters, into one
 * binary array per parameter, then one Bind and one Execute of the rewritten statement. The
 * rewritten statement is parsed with the array types of the original's parameter types (with the
 * first chunk, so that it costs no extra round trip) and cached like any other statement.
 *
 * <p>A chunk holds at most {@value #CHUNK_ROWS} rows and stops growing after {@value
 * #CHUNK_BYTES} bytes, so memory stays bounded whatever the number of rows. Confined to the
 * connection's event loop.
 */
final class UnnestInsertWriter {

    /** A chunk takes no more rows once its values fill this many bytes. */
    static final int CHUNK_BYTES = 256 * 1024;
    /** The most rows in one chunk. */
    static final int CHUNK_ROWS = 16 * 1024;
    /** An array's dimensions, flags, element type, length and lower bound. */
    private static final int ARRAY_HEADER = 20;
    private static final int FIRST_CAPACITY = 8192;

    private final Codec[] codecs;
    private final int[] elementOids;
    private final int[] arrayOids;
    private final int[] capacities;
    private final PreparedStatementState statement;
    private boolean parseToWrite;
    private boolean awaitingParseComplete;

    private UnnestInsertWriter(Codec[] codecs, int[] elementOids, int[] arrayOids,
            PreparedStatementState statement, boolean parseToWrite) {
        this.codecs = codecs;
        this.elementOids = elementOids;
        this.arrayOids = arrayOids;
        this.statement = statement;
        this.parseToWrite = parseToWrite;
        this.capacities = new int[codecs.length];
        Arrays.fill(capacities, FIRST_CAPACITY);
    }

    /**
     * A writer for {@code rewrite}, whose original statement the server described as
     * {@code original}; null when some parameter type has no binary codec or no array type Tusk
     * knows (the batch then runs row by row).
     */
    static UnnestInsertWriter prepare(PreparedStatementState original, InsertRewrite rewrite, CommandContext context) {
        int count = original.parameterCount();
        if (count != rewrite.parameterCount()) {
            return null;
        }
        CodecRegistry registry = context.codecs();
        Codec[] codecs = new Codec[count];
        int[] elementOids = new int[count];
        int[] arrayOids = new int[count];
        Codec[] arrayCodecs = new Codec[count];
        for (int i = 0; i < count; i++) {
            codecs[i] = original.parameterCodec(i);
            elementOids[i] = original.parameterOid(i);
            arrayOids[i] = registry.arrayTypeOf(elementOids[i]);
            arrayCodecs[i] = arrayOids[i] == 0 ? null : registry.forOid(arrayOids[i]);
            if (!binary(codecs[i]) || !binary(arrayCodecs[i])) {
                return null;
            }
        }
        StatementCache cache = context.statementCache();
        long now = System.nanoTime();
        PreparedStatementState cached = cache.get(rewrite.sql(), now);
        if (cached != null && hasTypes(cached, arrayOids)) {
            return new UnnestInsertWriter(codecs, elementOids, arrayOids, cached, false);
        }
        if (cached != null) {
            cache.invalidate(rewrite.sql()); // the original's parameter types changed since
        }
        String name = cache.accepts(rewrite.sql()) ? cache.nextName() : "";
        PreparedStatementState rewritten =
                new PreparedStatementState(name, rewrite.sql(), arrayOids, arrayCodecs, null, now);
        return new UnnestInsertWriter(codecs, elementOids, arrayOids, rewritten, true);
    }

    private static boolean binary(Codec codec) {
        return codec != null && codec.format() == Codec.BINARY_FORMAT;
    }

    private static boolean hasTypes(PreparedStatementState statement, int[] oids) {
        if (statement.parameterCount() != oids.length) {
            return false;
        }
        for (int i = 0; i < oids.length; i++) {
            if (statement.parameterOid(i) != oids[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Encodes the next chunk of rows and writes it (after the Parse, the first time).
     *
     * @param firstRow the index of the next row in the whole batch, for error messages
     * @return how many rows the chunk holds (at least one when {@code rows} has a next row)
     * @throws RuntimeException when a row is malformed or a value cannot be encoded, naming the
     *         row and the argument; nothing of the chunk is written then
     */
    int writeChunk(ByteBuf out, Iterator<?> rows, int firstRow) {
        int columns = codecs.length;
        ByteBuf[] values = new ByteBuf[columns];
        boolean[] nulls = new boolean[columns];
        try {
            for (int c = 0; c < columns; c++) {
                values[c] = out.alloc().buffer(capacities[c]);
            }
            int count = 0;
            int bytes = 0;
            while (count < CHUNK_ROWS && bytes < CHUNK_BYTES && rows.hasNext()) {
                int row = firstRow + count;
                Object[] arguments = ExecuteManyCommand.arguments(rows.next(), row, columns);
                bytes = 0;
                for (int c = 0; c < columns; c++) {
                    nulls[c] |= encode(values[c], c, arguments[c], row);
                    bytes += values[c].writerIndex();
                }
                count++;
            }
            if (count > 0) {
                writeMessages(out, values, nulls, count);
            }
            return count;
        } finally {
            for (int c = 0; c < columns && values[c] != null; c++) {
                capacities[c] = Math.max(FIRST_CAPACITY, values[c].writerIndex());
                values[c].release();
            }
        }
    }

    /** Appends one array element; returns whether it is NULL. */
    private boolean encode(ByteBuf column, int index, Object value, int row) {
        if (value == null) {
            column.writeInt(-1);
            return true;
        }
        int lengthIndex = column.writerIndex();
        column.writeInt(0);
        try {
            codecs[index].encode(value, column);
        } catch (EncodeException | ClassCastException e) {
            throw PostgresExceptions.clientSide("22023", "invalid input for query argument $" + (index + 1)
                    + " (" + codecs[index].typeName() + ") in row " + row + " of executemany: " + e.getMessage(), e);
        }
        column.setInt(lengthIndex, column.writerIndex() - lengthIndex - 4);
        return false;
    }

    private void writeMessages(ByteBuf out, ByteBuf[] values, boolean[] nulls, int count) {
        if (parseToWrite) {
            FrontendMessages.parse(out, statement.name(), statement.sql(), arrayOids);
            parseToWrite = false;
            awaitingParseComplete = true;
        }
        int lengthIndex = Wire.beginMessage(out, (byte) 'B');
        Wire.writeCString(out, "");
        Wire.writeCString(out, statement.name());
        out.writeShort(1);
        out.writeShort(Codec.BINARY_FORMAT);
        out.writeShort(values.length);
        for (int c = 0; c < values.length; c++) {
            ByteBuf elements = values[c];
            out.writeInt(ARRAY_HEADER + elements.readableBytes());
            out.writeInt(1);
            out.writeInt(nulls[c] ? 1 : 0);
            out.writeInt(elementOids[c]);
            out.writeInt(count);
            out.writeInt(1);
            out.writeBytes(elements);
        }
        out.writeShort(0); // the statement returns no rows
        Wire.endMessage(out, lengthIndex);
        FrontendMessages.execute(out, "", 0);
    }

    /**
     * Takes a ParseComplete; returns false when none was expected. The parsed statement now
     * exists on the server and enters the cache (it outlives a failed batch).
     */
    boolean parseCompleted(CommandContext context) {
        if (!awaitingParseComplete) {
            return false;
        }
        awaitingParseComplete = false;
        if (!statement.name().isEmpty()) {
            context.statementCache().put(statement);
        }
        return true;
    }

    /** The SQL text the batch runs. */
    String sql() {
        return statement.sql();
    }
}
