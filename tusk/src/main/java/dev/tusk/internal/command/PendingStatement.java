package dev.tusk.internal.command;

import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.MalformedMessageException;
import dev.tusk.internal.protocol.RowDescription;
import dev.tusk.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A statement being parsed and described (Parse, Describe): collects ParseComplete,
 * ParameterDescription and RowDescription/NoData into a {@link PreparedStatementState}, and
 * stores it in the statement cache when it has a name.
 */
final class PendingStatement {

    private final String sql;
    private final String name;
    private final boolean cached;
    private boolean remembered;
    private int[] parameterOids;
    private boolean parsed;
    private RowDescription columns;
    private TypeLookup lookup;

    private PendingStatement(String sql, String name, boolean cached) {
        this.sql = sql;
        this.name = name;
        this.cached = cached;
    }

    /** Writes Parse and Describe for a statement the caller names and owns (never cached). */
    static PendingStatement writeNamed(ByteBuf out, String sql, String name) {
        FrontendMessages.parse(out, name, sql);
        FrontendMessages.describeStatement(out, name);
        return new PendingStatement(sql, name, false);
    }

    /**
     * Writes Parse and Describe for {@code sql}, named when the cache will keep it.
     *
     * @param cacheable false for statements that must never be cached (e.g. cursor FETCHes)
     */
    static PendingStatement write(ByteBuf out, String sql, StatementCache cache, boolean cacheable) {
        String name = cacheable && cache.accepts(sql) ? cache.nextName() : "";
        FrontendMessages.parse(out, name, sql);
        FrontendMessages.describeStatement(out, name);
        PendingStatement pending = new PendingStatement(sql, name, !name.isEmpty());
        pending.remembered = cacheable && name.isEmpty() && cache.remembers(sql);
        return pending;
    }

    /** Whether this message belongs to the description (or to the lookup of its types). */
    boolean accepts(byte type) {
        if (lookup != null) {
            return lookup.accepts(type);
        }
        return type == BackendMessage.PARSE_COMPLETE || type == BackendMessage.PARAMETER_DESCRIPTION
                || type == BackendMessage.ROW_DESCRIPTION || type == BackendMessage.NO_DATA;
    }

    /**
     * Takes one description message; returns the statement once it is fully described and every
     * type it uses has a codec or was looked up, else null.
     */
    PreparedStatementState onMessage(byte type, ByteBuf body, int end, CommandContext context) {
        if (lookup != null) {
            return lookup.onMessage(type, body, end, context) ? build(context) : null;
        }
        switch (type) {
            case BackendMessage.PARSE_COMPLETE:
                parsed = true;
                return null;
            case BackendMessage.PARAMETER_DESCRIPTION:
                parameterOids = readParameterOids(body, end);
                return null;
            case BackendMessage.ROW_DESCRIPTION:
                columns = RowDescription.read(body, end, context.codecs(), context.typesOutdated());
                return described(context);
            default:
                return described(context);
        }
    }

    private PreparedStatementState described(CommandContext context) {
        if (!parsed || parameterOids == null) {
            throw new MalformedMessageException("statement description without ParseComplete and ParameterDescription");
        }
        int[] unknown = unknownTypes(context);
        if (unknown.length > 0) {
            lookup = TypeLookup.write(context.outBuffer(), context, unknown);
            context.flushSoon();
            return null;
        }
        return build(context);
    }

    /** Types of parameters and columns with no codec that were never looked up. */
    private int[] unknownTypes(CommandContext context) {
        java.util.Set<Integer> unknown = new java.util.LinkedHashSet<>();
        java.util.Set<Integer> known = context.typesLookedUp();
        for (int oid : parameterOids) {
            if (context.codecs().forOid(oid) == null && !known.contains(oid)) {
                unknown.add(oid);
            }
        }
        if (columns != null && !columns.typesKnown(context.codecs(), known)) {
            for (int oid : columns.typeOids()) {
                if (context.codecs().forOid(oid) == null && !known.contains(oid)) {
                    unknown.add(oid);
                }
            }
        }
        return unknown.stream().mapToInt(Integer::intValue).toArray();
    }

    private PreparedStatementState build(CommandContext context) {
        if (lookup != null && columns != null) {
            columns = columns.withCodecs(context.codecs());
        }
        Codec[] codecs = new Codec[parameterOids.length];
        for (int i = 0; i < codecs.length; i++) {
            codecs[i] = context.codecs().forOid(parameterOids[i]);
        }
        PreparedStatementState state =
                new PreparedStatementState(name, sql, parameterOids, codecs, columns, System.nanoTime());
        if (cached) {
            context.statementCache().put(state);
        } else if (remembered) {
            context.statementCache().remember(state);
        }
        return state;
    }

    /** Whether the type lookup of this flight bound a statement parsed in an earlier one. */
    boolean lookupBoundAnEarlierParse() {
        return lookup != null && lookup.bindsAnEarlierParse();
    }

    /** The description failed: a statement the server did parse is closed later. */
    void failed(CommandContext context) {
        if (parsed && cached) {
            context.statementCache().closeLater(name);
        }
    }

    private static int[] readParameterOids(ByteBuf body, int end) {
        int count = Wire.readShort(body, end) & 0xFFFF;
        Wire.require(body, end, 4L * count);
        int[] oids = new int[count];
        for (int i = 0; i < count; i++) {
            oids[i] = body.readInt();
        }
        return oids;
    }
}
