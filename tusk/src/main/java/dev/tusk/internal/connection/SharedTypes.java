package dev.tusk.internal.connection;

import dev.tusk.internal.codec.CodecRegistry;
import dev.tusk.internal.codec.TypeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Types looked up by any connection of a pool, so that the others start with them: each
 * user-defined type is looked up once per pool rather than once per connection.
 */
public final class SharedTypes {

    private List<TypeInfo> learned = List.of();
    private Set<Integer> lookedUp = Set.of();
    private CodecRegistry registry = CodecRegistry.builtin();

    /** The built-in codecs plus every type learned so far. */
    public synchronized CodecRegistry registry() {
        return registry;
    }

    /** The OIDs looked up so far (including those that turned out to have no codec). */
    public synchronized Set<Integer> lookedUp() {
        return lookedUp;
    }

    synchronized void learned(List<TypeInfo> types, int[] requested) {
        List<TypeInfo> all = new ArrayList<>(learned);
        all.addAll(types);
        learned = Collections.unmodifiableList(all);
        Set<Integer> oids = new HashSet<>(lookedUp);
        for (int oid : requested) {
            oids.add(oid);
        }
        for (TypeInfo type : types) {
            oids.add(type.oid());
        }
        lookedUp = Collections.unmodifiableSet(oids);
        registry = CodecRegistry.builtin().withTypes(learned);
    }

    /** Forgets everything (a connection's reloadSchemaState). */
    synchronized void clear() {
        learned = List.of();
        lookedUp = Set.of();
        registry = CodecRegistry.builtin();
    }
}
