package dev.tusk.internal.codec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The mutable codec table that {@link CodecRegistry} fills when it makes an extended copy of
 * itself: codecs by OID (an array below {@link CodecRegistry#DIRECT_OIDS}, a map above), and every
 * container codec by OID, kept even while the container has no usable codec (because one of its
 * components is exchanged in text format, or has none), so that it comes back when the component
 * does. Used by one thread, then handed to a new immutable registry.
 */
final class RegistrySlots {

    final Codec[] direct;
    final Map<Integer, Codec> others;
    final Map<Integer, ContainerCodec> containers;

    RegistrySlots(Codec[] direct, Map<Integer, Codec> others, Map<Integer, ContainerCodec> containers) {
        this.direct = Arrays.copyOf(direct, CodecRegistry.DIRECT_OIDS);
        this.others = new HashMap<>(others);
        this.containers = new HashMap<>(containers);
    }

    Codec get(int oid) {
        return oid >= 0 && oid < CodecRegistry.DIRECT_OIDS ? direct[oid] : others.get(oid);
    }

    /** Registers {@code codec} (null: none) for {@code oid}; a non-container codec ends the container there. */
    void put(int oid, Codec codec) {
        store(oid, codec);
        if (codec instanceof ContainerCodec && oid != Oids.RECORD_ARRAY) {
            containers.put(oid, (ContainerCodec) codec);
        } else {
            containers.remove(oid);
        }
    }

    private void store(int oid, Codec codec) {
        if (oid >= 0 && oid < CodecRegistry.DIRECT_OIDS) {
            direct[oid] = codec;
        } else if (codec == null) {
            others.remove(oid);
        } else {
            others.put(oid, codec);
        }
    }

    /**
     * Rebuilds every container whose components' codecs changed, over the current ones, until
     * nothing changes (a multirange follows its range, which follows its subtype). A container
     * with a missing component, or a text-format one where it needs binary, gets no codec and is
     * read as text until the component has a usable codec again.
     */
    void rebuildContainers() {
        // Each pass settles at least one more level of nesting; the bound only guards against a cycle.
        for (int pass = 0; pass <= containers.size(); pass++) {
            boolean changed = false;
            for (Map.Entry<Integer, ContainerCodec> entry : containers.entrySet()) {
                ContainerCodec container = entry.getValue();
                Codec wanted = rebuilt(container);
                if (wanted instanceof ContainerCodec && wanted != container) {
                    entry.setValue((ContainerCodec) wanted);
                }
                if (wanted != get(entry.getKey())) {
                    store(entry.getKey(), wanted);
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
        }
    }

    /** {@code container} over the current codecs of its components, itself when they are the same, or null. */
    private Codec rebuilt(ContainerCodec container) {
        int[] oids = container.componentOids();
        Codec[] components = new Codec[oids.length];
        boolean same = true;
        for (int i = 0; i < oids.length; i++) {
            components[i] = get(oids[i]);
            if (components[i] == null
                    || (container.needsBinaryComponents() && components[i].format() != Codec.BINARY_FORMAT)) {
                return null;
            }
            same &= components[i] == container.component(i);
        }
        return same ? container : container.withComponents(components);
    }
}
