package dev.tusk.internal.codec;

/**
 * A codec made of the codecs of other types: an array of its element type, a range of its subtype,
 * a multirange of its range type, a composite of its attributes' types, a domain of its base type.
 * When one of those types gets another codec (a custom codec, or its reset), {@link CodecRegistry}
 * rebuilds the container over the new one, so that a custom {@code int4} codec also decodes the
 * bounds of an {@code int4range} and the elements of an {@code int4[]}.
 */
interface ContainerCodec extends Codec {

    /** The OIDs of the component types, in the order of {@link #component}. */
    int[] componentOids();

    /** The codec this container uses for component {@code index}. */
    Codec component(int index);

    /**
     * Whether the components must be exchanged in binary format; a container over a text-format
     * component then has no codec and is read as text. A domain passes its base type's format on.
     */
    default boolean needsBinaryComponents() {
        return true;
    }

    /** This container over {@code components} (one per {@link #componentOids}, same order). */
    Codec withComponents(Codec[] components);
}
