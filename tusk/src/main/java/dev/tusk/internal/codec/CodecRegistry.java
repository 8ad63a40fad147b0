package dev.tusk.internal.codec;

import dev.tusk.codec.TypeCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The codecs known to a connection, found by type OID. Immutable and thread-safe: every {@code
 * with...} method returns an extended copy. Built-in types all have OIDs below {@value
 * #DIRECT_OIDS} and are found by indexing an array, so looking up a column's codec costs no
 * hashing or boxing; higher OIDs (types created by extensions and users) go through a small map.
 *
 * <p>Replacing a type's codec (a custom codec, its reset, {@link #withBuiltinTypeCodec}) rebuilds
 * every container made of that type over the new codec: its arrays, ranges over it, their
 * multiranges, domains over it and composites holding it ({@link ContainerCodec}). The registry
 * also knows which array type holds each element type, and gives each copy its own codec for the
 * anonymous {@code record} type, which decodes every attribute with the codecs of that copy.
 */
public final class CodecRegistry {

    /** OIDs below this are looked up in an array; PostgreSQL assigns its built-in OIDs below 8192. */
    static final int DIRECT_OIDS = 8192;

    private static final CodecRegistry BUILTIN = createBuiltin();

    private final Codec[] direct;
    private final Map<Integer, Codec> others;
    /** Element type OID → array type OID. */
    private final Map<Integer, Integer> arrayTypes;
    /** Codecs displaced by custom codecs, by OID, so that {@link #withoutCustom} can restore them. */
    private final Map<Integer, Codec> displaced;
    /** Every container codec by OID, including those without a usable codec at the moment. */
    private final Map<Integer, ContainerCodec> containers;

    private CodecRegistry(Codec[] direct, Map<Integer, Codec> others, Map<Integer, Integer> arrayTypes,
            Map<Integer, Codec> displaced, Map<Integer, ContainerCodec> containers) {
        this.direct = direct;
        this.others = others;
        this.arrayTypes = arrayTypes;
        this.displaced = displaced;
        this.containers = containers;
        Codec record = direct[Oids.RECORD];
        if (record == null || record instanceof RecordCodec) {
            RecordCodec own = new RecordCodec(this);
            direct[Oids.RECORD] = own;
            direct[Oids.RECORD_ARRAY] = new ArrayCodec(Oids.RECORD_ARRAY, "_record", own);
        }
    }

    private static CodecRegistry createBuiltin() {
        Map<Integer, Integer> arrayTypes = new HashMap<>();
        for (Object[] array : BuiltinTypes.arrays()) {
            arrayTypes.put((Integer) array[1], (Integer) array[0]);
        }
        CodecRegistry empty = new CodecRegistry(new Codec[DIRECT_OIDS], Map.of(), Map.copyOf(arrayTypes), Map.of(),
                Map.of());
        CodecRegistry scalars = empty.with(BuiltinTypes.scalars());
        CodecRegistry ranges = scalars.with(BuiltinTypes.ranges(scalars));
        CodecRegistry all = ranges.with(BuiltinTypes.multiranges(ranges));
        List<Codec> arrays = new ArrayList<>();
        for (Object[] array : BuiltinTypes.arrays()) {
            Codec element = all.forOid((Integer) array[1]);
            if (element != null) {
                arrays.add(new ArrayCodec((Integer) array[0], (String) array[2], element));
            }
        }
        return all.with(arrays);
    }

    /** The shared registry of the codecs for PostgreSQL's built-in types. */
    public static CodecRegistry builtin() {
        return BUILTIN;
    }

    /** The codec for type {@code oid}, or null when this registry has none (the value is then read as text). */
    public Codec forOid(int oid) {
        if (oid >= 0 && oid < DIRECT_OIDS) {
            return direct[oid];
        }
        return others.isEmpty() ? null : others.get(oid);
    }

    /** The OID of the array type whose elements are of type {@code elementOid}, or 0 when unknown. */
    public int arrayTypeOf(int elementOid) {
        return arrayTypes.getOrDefault(elementOid, 0);
    }

    /**
     * A new registry holding this one's codecs and {@code codecs}, each of which replaces any codec
     * already registered for its OID, and the arrays of each. This registry is unchanged.
     */
    public CodecRegistry with(List<? extends Codec> codecs) {
        return with(codecs, Map.of(), displaced);
    }

    private CodecRegistry with(List<? extends Codec> codecs, Map<Integer, Integer> moreArrayTypes,
            Map<Integer, Codec> newDisplaced) {
        RegistrySlots slots = new RegistrySlots(direct, others, containers);
        Map<Integer, Integer> newArrayTypes = new HashMap<>(arrayTypes);
        newArrayTypes.putAll(moreArrayTypes);
        for (Codec codec : codecs) {
            slots.put(codec.oid(), codec);
        }
        return rebuilt(slots, newArrayTypes, newDisplaced);
    }

    /** A registry of {@code slots} once their containers follow their components' codecs. */
    private static CodecRegistry rebuilt(RegistrySlots slots, Map<Integer, Integer> arrayTypes,
            Map<Integer, Codec> displaced) {
        slots.rebuildContainers();
        return new CodecRegistry(slots.direct, Map.copyOf(slots.others), Map.copyOf(arrayTypes),
                Map.copyOf(displaced), Map.copyOf(slots.containers));
    }

    /**
     * A new registry with codecs for the types described by {@code types} (rows of {@link
     * TypeIntrospection#QUERY}): enums, domains, composites, ranges, multiranges, arrays of any of
     * them, and the extension types {@code hstore} and text-like ones such as {@code citext}. A type
     * made of a type without a binary codec gets none and is read as text.
     */
    public CodecRegistry withTypes(Collection<TypeInfo> types) {
        TypeCodecBuilder builder = new TypeCodecBuilder(this, types);
        List<Codec> codecs = builder.build();
        Map<Integer, Codec> newDisplaced = new HashMap<>(displaced);
        newDisplaced.putAll(builder.displaced());
        return with(codecs, builder.arrayTypes(), newDisplaced);
    }

    /**
     * A new registry where type {@code oid} uses the user's {@code codec} (asyncpg's
     * {@code set_type_codec}); arrays of the type use it too when its format is binary or tuple.
     *
     * @throws IllegalArgumentException for a tuple codec on a type without a tuple form
     */
    public CodecRegistry withCustom(int oid, String typeName, TypeCodec<?> codec) {
        Codec current = forOid(oid);
        Codec builtinForm = current instanceof CustomCodec ? displaced.get(oid) : current;
        Map<Integer, Codec> newDisplaced = new HashMap<>(displaced);
        if (current != null && !(current instanceof CustomCodec)) {
            newDisplaced.put(oid, current);
        }
        return with(List.of(CustomCodec.of(oid, typeName, codec, builtinForm)), Map.of(), newDisplaced);
    }

    /**
     * A new registry where type {@code oid} is read and written with the built-in codec named
     * {@code codecName} (asyncpg's {@code set_builtin_type_codec}), e.g. an extension's
     * {@code citext} with {@code "text"}. The type's binary form must be the built-in type's.
     *
     * @throws IllegalArgumentException when no built-in type has that name
     */
    public CodecRegistry withBuiltinTypeCodec(int oid, String typeName, String codecName) {
        Codec target = null;
        for (Codec codec : BuiltinTypes.scalars()) {
            if (codec.typeName().equals(codecName)) {
                target = codec;
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("no built-in codec named \"" + codecName + "\"");
        }
        return with(List.of(new AliasCodec(oid, typeName, target)));
    }

    /**
     * A new registry where type {@code oid} no longer uses a custom codec (asyncpg's {@code
     * reset_type_codec}); the containers made of it go back to its previous codec, or to text.
     */
    public CodecRegistry withoutCustom(int oid) {
        Codec current = forOid(oid);
        if (!(current instanceof CustomCodec)) {
            return this;
        }
        Map<Integer, Codec> newDisplaced = new HashMap<>(displaced);
        Codec original = newDisplaced.remove(oid);
        if (original != null) {
            return with(List.of(original), Map.of(), newDisplaced);
        }
        RegistrySlots slots = new RegistrySlots(direct, others, containers);
        slots.put(oid, null);
        return rebuilt(slots, arrayTypes, newDisplaced);
    }
}
