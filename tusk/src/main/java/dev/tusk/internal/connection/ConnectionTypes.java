package dev.tusk.internal.connection;

import dev.tusk.internal.codec.CodecRegistry;
import dev.tusk.internal.codec.TypeInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What one connection knows about types: the codec registry in use (built-in codecs, the user's
 * custom codecs, and the types looked up so far), and which OIDs were already looked up. Shares
 * what it learns with the other connections of a pool. Confined to the connection's event loop,
 * except for {@link #codecs()}, which is safe to read anywhere.
 */
final class ConnectionTypes {

    private final SharedTypes shared;
    private final Set<Integer> lookedUp = new HashSet<>();
    /** The built-in codecs plus the user's custom ones, without looked-up types. */
    private CodecRegistry base;
    private volatile CodecRegistry codecs;
    private boolean lookupPrepared;

    /** @param shared the types learned by the other connections of a pool, or null */
    ConnectionTypes(CodecRegistry base, SharedTypes shared) {
        this.base = base;
        this.shared = shared;
        this.codecs = shared != null ? shared.registry() : base;
        if (shared != null) {
            lookedUp.addAll(shared.lookedUp());
        }
    }

    CodecRegistry codecs() {
        return codecs;
    }

    Set<Integer> lookedUp() {
        return lookedUp;
    }

    boolean lookupPrepared() {
        return lookupPrepared;
    }

    void lookupPrepared(boolean prepared) {
        lookupPrepared = prepared;
    }

    void learned(List<TypeInfo> types, int[] requested) {
        codecs = codecs.withTypes(types);
        for (int oid : requested) {
            lookedUp.add(oid);
        }
        for (TypeInfo type : types) {
            lookedUp.add(type.oid());
        }
        if (shared != null) {
            shared.learned(types, requested);
        }
    }

    /** A custom codec set or reset: applies to the base and to the registry in use. */
    void change(UnaryOperator<CodecRegistry> change) {
        base = change.apply(base);
        codecs = change.apply(codecs);
    }

    /** Forgets every looked-up type (asyncpg's reload_schema_state); custom codecs stay. */
    void reload() {
        codecs = base;
        lookedUp.clear();
        if (shared != null) {
            shared.clear();
        }
    }
}
