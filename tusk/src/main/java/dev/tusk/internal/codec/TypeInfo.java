package dev.tusk.internal.codec;

import java.util.List;

/**
 * What the catalog says about one type, as {@link TypeIntrospection#QUERY} returns it: enough to
 * build its codec from the codecs of the types it is made of.
 *
 * @param oid            the type's OID
 * @param name           {@code pg_type.typname}
 * @param schema         the name of its schema
 * @param kind           what sort of type it is
 * @param elementOid     the element type of an array, else 0
 * @param baseTypeOid    the base type of a domain, else 0
 * @param rangeSubtype   the subtype of a range, else 0
 * @param multirangeRange the range type of a multirange, else 0
 * @param sendFunction   the name of its binary output function ({@code typsend}), e.g. {@code textsend}
 * @param attributeNames a composite's attribute names in order (dropped ones left out), else empty
 * @param attributeOids  a composite's attribute type OIDs, matching {@code attributeNames}
 */
public record TypeInfo(int oid, String name, String schema, Kind kind, int elementOid, int baseTypeOid,
        int rangeSubtype, int multirangeRange, String sendFunction, List<String> attributeNames,
        List<Integer> attributeOids) {

    /** The sorts of type, after {@code pg_type.typtype}, with arrays told apart from other base types. */
    public enum Kind {
        BASE, ARRAY, COMPOSITE, DOMAIN, ENUM, PSEUDO, RANGE, MULTIRANGE
    }

    /** Copies the attribute lists, which must be of equal length. */
    public TypeInfo {
        attributeNames = List.copyOf(attributeNames);
        attributeOids = List.copyOf(attributeOids);
        if (attributeNames.size() != attributeOids.size()) {
            throw new IllegalArgumentException("type " + name + " has " + attributeNames.size() + " attribute names and "
                    + attributeOids.size() + " attribute types");
        }
    }

    /** The schema-qualified name, e.g. {@code public.mood}. */
    public String qualifiedName() {
        return schema + "." + name;
    }
}
