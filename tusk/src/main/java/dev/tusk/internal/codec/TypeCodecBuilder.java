package dev.tusk.internal.codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds codecs for introspected types from the codecs of the types they are made of, each type
 * once, in whatever order the rows came: a composite's attribute types, a domain's base type, a
 * range's subtype and an array's element type are built first. Built-in types, and types with a
 * user's custom codec, keep the codecs the registry already has. A container is built over its
 * components' codecs whatever their format: the registry leaves it without a codec while one of
 * them is exchanged in text, and gives it back when that changes.
 */
final class TypeCodecBuilder {

    /** PostgreSQL's {@code FirstNormalObjectId}: OIDs below it belong to the system catalogs. */
    private static final int FIRST_NORMAL_OID = 16384;
    /** Send functions of base types whose binary form is their text. */
    private static final Set<String> TEXT_SEND_FUNCTIONS = Set.of("textsend", "citextsend", "varcharsend",
            "bpcharsend", "enum_send", "unknownsend");

    private final CodecRegistry base;
    private final Map<Integer, TypeInfo> types = new HashMap<>();
    private final Map<Integer, Codec> built = new HashMap<>();
    private final Set<Integer> inProgress = new HashSet<>();
    private final Map<Integer, Integer> arrayTypes = new HashMap<>();
    private final Map<Integer, Codec> displaced = new HashMap<>();

    TypeCodecBuilder(CodecRegistry base, Collection<TypeInfo> infos) {
        this.base = base;
        for (TypeInfo info : infos) {
            types.put(info.oid(), info);
        }
    }

    /** A codec for each described type that can have a binary one. */
    List<Codec> build() {
        List<Codec> codecs = new ArrayList<>();
        for (TypeInfo info : types.values()) {
            Codec codec = resolve(info.oid());
            if (codec != null && codec != base.forOid(info.oid())) {
                codecs.add(codec);
            }
        }
        return codecs;
    }

    /** The codecs built for types that keep a user's custom codec, by OID, for resetTypeCodec. */
    Map<Integer, Codec> displaced() {
        return displaced;
    }

    /** Element type OID → array type OID for the arrays among the described types. */
    Map<Integer, Integer> arrayTypes() {
        return arrayTypes;
    }

    private Codec resolve(int oid) {
        if (built.containsKey(oid)) {
            return built.get(oid);
        }
        TypeInfo info = types.get(oid);
        Codec existing = base.forOid(oid);
        if (info == null || (existing != null && Integer.compareUnsigned(oid, FIRST_NORMAL_OID) < 0)) {
            return existing;
        }
        if (!inProgress.add(oid)) {
            // PostgreSQL forbids a type containing itself; a cycle means inconsistent rows.
            return null;
        }
        Codec codec = create(info);
        inProgress.remove(oid);
        if (existing instanceof CustomCodec) {
            // The user's codec stays; the type's own codec is what resetTypeCodec gives back.
            if (codec != null) {
                displaced.put(oid, codec);
            }
            codec = existing;
        }
        built.put(oid, codec);
        return codec;
    }

    private Codec create(TypeInfo info) {
        String name = info.name();
        switch (info.kind()) {
            case ARRAY: {
                Codec element = resolve(info.elementOid());
                arrayTypes.put(info.elementOid(), info.oid());
                return element == null ? null : new ArrayCodec(info.oid(), name, element);
            }
            case DOMAIN: {
                Codec baseType = resolve(info.baseTypeOid());
                return baseType == null ? null : AliasCodec.domain(info.oid(), name, baseType);
            }
            case ENUM:
                return TextCodec.named(info.oid(), name);
            case RANGE: {
                Codec subtype = resolve(info.rangeSubtype());
                return subtype == null ? null : new RangeCodec(info.oid(), name, subtype);
            }
            case MULTIRANGE: {
                Codec range = resolve(info.multirangeRange());
                return range == null ? null : new MultirangeCodec(info.oid(), name, range);
            }
            case COMPOSITE:
                return composite(info);
            case BASE:
                if (TEXT_SEND_FUNCTIONS.contains(info.sendFunction())) {
                    return TextCodec.named(info.oid(), name);
                }
                if ("hstore_send".equals(info.sendFunction())) {
                    return new HstoreCodec(info.oid(), name);
                }
                return null;
            default:
                return null;
        }
    }

    private Codec composite(TypeInfo info) {
        int count = info.attributeOids().size();
        int[] oids = new int[count];
        Codec[] codecs = new Codec[count];
        for (int i = 0; i < count; i++) {
            oids[i] = info.attributeOids().get(i);
            codecs[i] = resolve(oids[i]);
            if (codecs[i] == null) {
                return null;
            }
        }
        return new CompositeCodec(info.oid(), info.name(), info.attributeNames(), oids, codecs);
    }
}
