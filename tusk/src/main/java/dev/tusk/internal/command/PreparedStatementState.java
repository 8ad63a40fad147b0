package dev.tusk.internal.command;

import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.protocol.RowDescription;

/**
 * What the server told us about a parsed statement: its name, the parameter types it inferred
 * and the columns it returns (null when it returns none). Immutable.
 */
public final class PreparedStatementState {

    private final String name;
    private final String sql;
    private final int[] parameterOids;
    private final Codec[] parameterCodecs;
    private final RowDescription rowDescription;
    private final long preparedAtNanos;
    private int rowsLastTime;

    public PreparedStatementState(String name, String sql, int[] parameterOids,
            Codec[] parameterCodecs, RowDescription rowDescription, long preparedAtNanos) {
        this.name = name;
        this.sql = sql;
        this.parameterOids = parameterOids;
        this.parameterCodecs = parameterCodecs;
        this.rowDescription = rowDescription;
        this.preparedAtNanos = preparedAtNanos;
    }

    /** The same statement with other result columns (it changed on the server since it was described). */
    PreparedStatementState withColumns(RowDescription columns) {
        return new PreparedStatementState(name, sql, parameterOids, parameterCodecs, columns, preparedAtNanos);
    }

    /** The server-side name; empty for the unnamed statement. */
    public String name() {
        return name;
    }

    public String sql() {
        return sql;
    }

    public int parameterCount() {
        return parameterOids.length;
    }

    /** The parameter types, in order; the array is shared and must not be modified. */
    int[] parameterOids() {
        return parameterOids;
    }

    public int parameterOid(int index) {
        return parameterOids[index];
    }

    /** The codec for a parameter, or null when the type is sent as text. */
    public Codec parameterCodec(int index) {
        return parameterCodecs[index];
    }

    /** The result columns, or null when the statement returns no rows. */
    public RowDescription rowDescription() {
        return rowDescription;
    }

    public long preparedAtNanos() {
        return preparedAtNanos;
    }

    /** The rows the statement returned when it last ran to completion; 0 before that. */
    int rowsLastTime() {
        return rowsLastTime;
    }

    void rememberRows(int count) {
        rowsLastTime = count;
    }
}
