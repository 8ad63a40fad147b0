package dev.tusk.internal.protocol;

import dev.tusk.Column;
import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.codec.CodecColumns;
import dev.tusk.internal.codec.CodecRegistry;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a result: names, type OIDs, and for each column the codec and wire format
 * chosen for it (binary where Tusk has a codec, text otherwise). Shared by every row of a result
 * and by every execution of a cached statement.
 */
public final class RowDescription {

    /** The server sends at most 1664 columns (MaxTupleAttributeNumber); be generous but bounded. */
    private static final int MAX_COLUMNS = 1664;

    private final String[] names;
    private final int[] typeOids;
    private final int[] tableOids;
    private final short[] columnNumbers;
    private final int[] typeModifiers;
    private final short[] typeLengths;
    private final Codec[] codecs;
    /** Called when a value shows that a type changed on the server since it was looked up. */
    private final Runnable typesOutdated;
    private volatile Map<String, Integer> indexByName;
    private volatile List<String> nameList;
    private volatile List<Column> columnList;

    private RowDescription(String[] names, int[] typeOids, int[] tableOids, short[] columnNumbers,
            int[] typeModifiers, short[] typeLengths, Codec[] codecs, Runnable typesOutdated) {
        this.typesOutdated = typesOutdated;
        this.names = names;
        this.typeOids = typeOids;
        this.tableOids = tableOids;
        this.columnNumbers = columnNumbers;
        this.typeModifiers = typeModifiers;
        this.typeLengths = typeLengths;
        this.codecs = codecs;
    }

    /**
     * Reads a RowDescription message and picks each column's codec from {@code registry}; a column
     * whose type has no codec is read in text format.
     */
    public static RowDescription read(ByteBuf body, int end, CodecRegistry registry) {
        return read(body, end, registry, false, () -> { });
    }

    /**
     * As {@link #read(ByteBuf, int, CodecRegistry)}, with what to do when a value read with these
     * codecs shows that its type changed on the server (see {@link #typesOutdated()}).
     */
    public static RowDescription read(ByteBuf body, int end, CodecRegistry registry, Runnable typesOutdated) {
        return read(body, end, registry, false, typesOutdated);
    }

    /**
     * Reads the RowDescription of a portal, whose format codes say how the server will send each
     * column: a binary column takes its type's binary codec, a text column is read as text.
     *
     * @throws ColumnFormatException when a column comes in binary and Tusk has no binary codec for its type
     */
    public static RowDescription readPortal(ByteBuf body, int end, CodecRegistry registry, Runnable typesOutdated) {
        return read(body, end, registry, true, typesOutdated);
    }

    private static RowDescription read(ByteBuf body, int end, CodecRegistry registry, boolean honourFormats,
            Runnable typesOutdated) {
        int count = Wire.readShort(body, end) & 0xFFFF;
        // each field takes at least 19 bytes: an empty name's NUL and 18 bytes of attributes
        if (count > MAX_COLUMNS || (long) count * 19 > end - body.readerIndex()) {
            throw new MalformedMessageException("RowDescription field count: " + count
                    + " (expected: <= " + Math.min(MAX_COLUMNS, (end - body.readerIndex()) / 19) + ")");
        }
        String[] names = new String[count];
        int[] typeOids = new int[count];
        int[] tableOids = new int[count];
        short[] columnNumbers = new short[count];
        int[] typeModifiers = new int[count];
        short[] typeLengths = new short[count];
        Codec[] codecs = new Codec[count];
        for (int i = 0; i < count; i++) {
            names[i] = Wire.readCString(body, end);
            Wire.require(body, end, 18);
            tableOids[i] = body.readInt();
            columnNumbers[i] = body.readShort();
            typeOids[i] = body.readInt();
            typeLengths[i] = body.readShort();
            typeModifiers[i] = body.readInt();
            // format code: zero in a statement description, where we choose our own
            int format = body.readShort();
            codecs[i] = registry.forOid(typeOids[i]);
            if (honourFormats && format != formatOf(codecs[i])) {
                if (format != Codec.TEXT_FORMAT) {
                    throw new ColumnFormatException("column " + (i + 1) + " (\"" + names[i] + "\", type oid "
                            + typeOids[i] + ") is sent in binary, and Tusk reads that type only as text");
                }
                codecs[i] = null;
            }
        }
        return new RowDescription(names, typeOids, tableOids, columnNumbers, typeModifiers,
                typeLengths, codecs, typesOutdated);
    }

    public int size() {
        return names.length;
    }

    public String name(int column) {
        return names[column];
    }

    public int typeOid(int column) {
        return typeOids[column];
    }

    public int tableOid(int column) {
        return tableOids[column];
    }

    public int columnNumber(int column) {
        return columnNumbers[column];
    }

    public int typeModifier(int column) {
        return typeModifiers[column];
    }

    public int typeLength(int column) {
        return typeLengths[column];
    }

    /**
     * A value showed that a type changed on the server since it was looked up (an attribute added
     * to a composite): the connection forgets its types and statements, as asyncpg's
     * {@code reload_schema_state}, so that its next query describes them afresh.
     */
    public void typesOutdated() {
        typesOutdated.run();
    }

    /** The codec of a binary column, or null when the column is read as text. */
    public Codec codec(int column) {
        return codecs[column];
    }

    /** The same columns with codecs chosen from another registry (after new types were learned). */
    public RowDescription withCodecs(CodecRegistry registry) {
        Codec[] rebound = new Codec[typeOids.length];
        for (int i = 0; i < rebound.length; i++) {
            rebound[i] = registry.forOid(typeOids[i]);
        }
        return new RowDescription(names, typeOids, tableOids, columnNumbers, typeModifiers, typeLengths, rebound,
                typesOutdated);
    }

    /** The wire format of a column: its codec's, or text when it has none. */
    public static int formatOf(Codec codec) {
        return codec == null ? Codec.TEXT_FORMAT : codec.format();
    }

    /**
     * Whether a portal's RowDescription message describes exactly these columns (names, types and
     * formats), without allocating; the reader index is left unchanged.
     */
    public boolean sameAs(ByteBuf body, int end) {
        int at = body.readerIndex();
        if (end - at < 2 || (body.getShort(at) & 0xFFFF) != names.length) {
            return false;
        }
        at += 2;
        for (int i = 0; i < names.length; i++) {
            at = skipIfName(body, at, end, names[i]);
            if (at < 0 || end - at < 18) {
                return false;
            }
            if (body.getInt(at + 6) != typeOids[i] || body.getShort(at + 16) != formatOf(codecs[i])) {
                return false;
            }
            at += 18;
        }
        return at == end;
    }

    /** The index after {@code name}'s NUL-terminated bytes at {@code at}, or -1 if they differ (ASCII compared, others decoded). */
    private static int skipIfName(ByteBuf body, int at, int end, String name) {
        int length = name.length();
        int i = 0;
        for (; i < length && at + i < end; i++) {
            byte b = body.getByte(at + i);
            char c = name.charAt(i);
            if (b < 0 || c >= 0x80) {
                int nul = body.indexOf(at, end, (byte) 0);
                if (nul < 0) {
                    return -1;
                }
                String decoded = body.toString(at, nul - at, java.nio.charset.StandardCharsets.UTF_8);
                return decoded.equals(name) ? nul + 1 : -1;
            }
            if (b != c) {
                return -1;
            }
        }
        if (i != length || at + i >= end || body.getByte(at + i) != 0) {
            return -1;
        }
        return at + i + 1;
    }

    /**
     * Writes one result-format code per column, so that the server refuses the Bind (before
     * executing anything) if the statement's column count has changed since it was described.
     */
    public void writeResultFormatsPerColumn(ByteBuf out) {
        out.writeShort(codecs.length);
        for (Codec codec : codecs) {
            out.writeShort(formatOf(codec));
        }
    }

    /** Writes the result-format codes of a Bind message: each column in its codec's format. */
    public void writeResultFormats(ByteBuf out) {
        int count = codecs.length;
        boolean allBinary = true;
        boolean allText = true;
        for (Codec codec : codecs) {
            int format = formatOf(codec);
            allBinary &= format == Codec.BINARY_FORMAT;
            allText &= format == Codec.TEXT_FORMAT;
        }
        if (allText) {
            out.writeShort(0);
        } else if (allBinary) {
            out.writeShort(1);
            out.writeShort(Codec.BINARY_FORMAT);
        } else {
            out.writeShort(count);
            for (Codec codec : codecs) {
                out.writeShort(formatOf(codec));
            }
        }
    }

    /** Whether every column's type has a codec or was looked up before ({@code known}). */
    public boolean typesKnown(CodecRegistry registry, java.util.Set<Integer> known) {
        for (int oid : typeOids) {
            if (registry.forOid(oid) == null && !known.contains(oid)) {
                return false;
            }
        }
        return true;
    }

    public int[] typeOids() {
        return typeOids.clone();
    }

    /** The index of the first column with this name, or -1. */
    public int indexOf(String name) {
        Map<String, Integer> index = indexByName;
        if (index == null) {
            index = new HashMap<>(names.length * 2);
            for (int i = names.length - 1; i >= 0; i--) {
                index.put(names[i], i);
            }
            indexByName = index;
        }
        Integer column = index.get(name);
        return column != null ? column : -1;
    }

    /** The column names, in order, unmodifiable. */
    /** The columns as the public API describes them (built once, shared by the rows). */
    public List<Column> columns() {
        List<Column> list = columnList;
        if (list == null) {
            Column[] columns = new Column[names.length];
            for (int i = 0; i < names.length; i++) {
                columns[i] = CodecColumns.of(names[i], typeOids[i], codecs[i], String.class);
            }
            list = List.of(columns);
            columnList = list;
        }
        return list;
    }

    public List<String> names() {
        List<String> list = nameList;
        if (list == null) {
            list = Collections.unmodifiableList(Arrays.asList(names.clone()));
            nameList = list;
        }
        return list;
    }
}
