package dev.tusk.internal.codec;

import dev.tusk.Column;
import dev.tusk.Record;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A composite type ({@code record_send}): a 32-bit count of attributes, then for each its type
 * OID, a 32-bit length (-1 for NULL) and its binary value. ↔ {@link Record} ({@link
 * CompositeRecord}) with the attributes' names. Encoding takes a {@link Record} or {@link Map}
 * (by attribute name), a Java {@code record} (by component name), or an {@code Object[]} or
 * {@link List} (by position); an attribute missing by name is sent as NULL, and a {@link Record}
 * or {@link Map} naming something that is not an attribute is refused.
 */
final class CompositeCodec extends AbstractCodec implements ContainerCodec {

    private final List<String> names;
    private final int[] attributeOids;
    private final Codec[] attributes;
    private final List<Column> columns;

    CompositeCodec(int oid, String typeName, List<String> names, int[] attributeOids, Codec[] attributes) {
        super(oid, typeName, Record.class);
        this.names = List.copyOf(names);
        this.attributeOids = attributeOids.clone();
        this.attributes = attributes.clone();
        Column[] described = new Column[attributes.length];
        for (int i = 0; i < attributes.length; i++) {
            described[i] = CodecColumns.of(this.names.get(i), attributeOids[i], attributes[i], Object.class);
        }
        this.columns = List.of(described);
    }

    @Override
    public int[] componentOids() {
        return attributeOids.clone();
    }

    @Override
    public Codec component(int index) {
        return attributes[index];
    }

    @Override
    public Codec withComponents(Codec[] components) {
        return new CompositeCodec(oid(), typeName(), names, attributeOids, components);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        int count = readCount(typeName(), buf, offset, length);
        if (count != attributes.length) {
            throw DecodeException.typeChanged(typeName() + " has " + count + " attributes where " + attributes.length
                    + " were expected");
        }
        Object[] values = new Object[count];
        int at = offset + 4;
        int end = offset + length;
        for (int i = 0; i < count; i++) {
            checkField(typeName(), buf, at, end, i);
            int fieldOid = Bytes.getInt(buf, at);
            if (fieldOid != attributeOids[i]) {
                throw DecodeException.typeChanged(typeName() + " attribute " + names.get(i) + " has type oid "
                        + Integer.toUnsignedString(fieldOid) + " where " + Integer.toUnsignedString(attributeOids[i])
                        + " was expected");
            }
            int size = Bytes.getInt(buf, at + 4);
            at += 8;
            if (size != -1) {
                values[i] = attributes[i].decode(buf, at, size);
                at += size;
            }
        }
        checkEnd(typeName(), at, end);
        return new CompositeRecord(columns, names, values);
    }

    /** The attribute count, checked against the bytes: each attribute takes at least 8. */
    static int readCount(String typeName, byte[] buf, int offset, int length) {
        DecodeException.checkMinLength(typeName, length, 4);
        int count = Bytes.getInt(buf, offset);
        if (count < 0 || count > (length - 4) / 8) {
            throw new DecodeException(typeName + " attribute count: " + count + " (expected: 0.." + (length - 4) / 8
                    + " for " + length + " bytes)");
        }
        return count;
    }

    /** Checks that attribute {@code index}'s OID and length fit before {@code end}, and its value too. */
    static void checkField(String typeName, byte[] buf, int at, int end, int index) {
        if (end - at < 8) {
            throw new DecodeException(typeName + " ends inside the header of attribute " + index);
        }
        int size = Bytes.getInt(buf, at + 4);
        if (size < -1 || size > end - at - 8) {
            throw new DecodeException(typeName + " attribute " + index + " length: " + size + " (expected: -1.."
                    + (end - at - 8) + ")");
        }
    }

    static void checkEnd(String typeName, int at, int end) {
        if (at != end) {
            throw new DecodeException(typeName + " has " + (end - at) + " bytes after its last attribute");
        }
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        checkNames(value);
        int start = out.writerIndex();
        out.writeInt(attributes.length);
        try {
            for (int i = 0; i < attributes.length; i++) {
                Object attribute = attribute(value, i);
                out.writeInt(attributeOids[i]);
                if (attribute == null) {
                    out.writeInt(-1);
                    continue;
                }
                int lengthIndex = out.writerIndex();
                out.writeInt(0);
                try {
                    attributes[i].encode(attribute, out);
                } catch (EncodeException e) {
                    throw new EncodeException(typeName() + " attribute " + names.get(i) + ": " + e.getMessage());
                }
                out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
            }
        } catch (EncodeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /** A name that is not an attribute is a mistake in the caller's value, not a NULL to send. */
    private void checkNames(Object value) {
        Iterable<?> given = value instanceof Record ? ((Record) value).keys()
                : value instanceof Map ? ((Map<?, ?>) value).keySet() : List.of();
        for (Object name : given) {
            if (!names.contains(name)) {
                throw new EncodeException(typeName() + " has no attribute named \"" + name + "\"; its attributes are "
                        + names);
            }
        }
    }

    private Object attribute(Object value, int index) {
        String name = names.get(index);
        if (value instanceof Record) {
            Record record = (Record) value;
            return record.keys().contains(name) ? record.get(name) : null;
        }
        if (value instanceof Map) {
            return ((Map<?, ?>) value).get(name);
        }
        if (value instanceof java.lang.Record) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                if (component.getName().equals(name)) {
                    try {
                        component.getAccessor().setAccessible(true);
                        return component.getAccessor().invoke(value);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new EncodeException("cannot read component " + name + " of "
                                + value.getClass().getName() + ": " + e);
                    }
                }
            }
            return null;
        }
        List<?> positional = value instanceof Object[] ? Arrays.asList((Object[]) value)
                : value instanceof List ? (List<?>) value : null;
        if (positional == null) {
            throw EncodeException.wrongType("Record, Map, a Java record, Object[] or List for " + typeName(), value);
        }
        if (positional.size() != attributes.length) {
            throw new EncodeException(typeName() + " has " + attributes.length + " attributes " + names + ", got "
                    + positional.size() + " values");
        }
        return positional.get(index);
    }
}
