package dev.tusk.internal.protocol;

import dev.tusk.internal.codec.Codec;
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
    private volatile Map<String, Integer> indexByName;
    private volatile List<String> nameList;

    private RowDescription(String[] names, int[] typeOids, int[] tableOids, short[] columnNumbers,
            int[] typeModifiers, short[] typeLengths, Codec[] codecs) {
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
            body.readShort(); // format code: zero in a statement description; we choose our own
            codecs[i] = registry.forOid(typeOids[i]);
        }
        return new RowDescription(names, typeOids, tableOids, columnNumbers, typeModifiers,
                typeLengths, codecs);
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
        return new RowDescription(names, typeOids, tableOids, columnNumbers, typeModifiers, typeLengths, rebound);
    }

    /** The wire format of a column: its codec's, or text when it has none. */
    public static int formatOf(Codec codec) {
        return codec == null ? Codec.TEXT_FORMAT : codec.format();
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
    public List<String> names() {
        List<String> list = nameList;
        if (list == null) {
            list = Collections.unmodifiableList(Arrays.asList(names.clone()));
            nameList = list;
        }
        return list;
    }
}
