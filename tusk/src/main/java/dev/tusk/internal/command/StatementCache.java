package dev.tusk.internal.command;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connection's LRU of named prepared statements, bounded by count, lifetime and the length
 * of the SQL text (asyncpg's statement_cache_size, max_cached_statement_lifetime and
 * max_cacheable_statement_size). Evicted statements are queued for a Close on the server.
 *
 * <p>When the cache is disabled (size 0, as behind PgBouncer in transaction mode), it remembers
 * instead the descriptions of the last {@value #REMEMBERED_DESCRIPTIONS} unnamed statements
 * (parameter types and result columns), so that running one again can parse, bind and execute it
 * in one flight.
 *
 * <p>Server-side names carry a random token of the connection's own ({@code tusk_<token>_s1}), so
 * that behind a pooler that runs each transaction on another server session (PgBouncer in
 * transaction or statement mode, without its own tracking of prepared statements) a statement
 * name never reaches another client's statement of the same name: the server answers "does not
 * exist" instead of running the wrong statement. The connection detects a pooler at start-up (the
 * process id of its BackendKeyData is not the backend's) or by that answer for a statement it
 * prepared and never closed; {@link #poolerDetected()} then turns the cache off for the rest of
 * the connection's life. Confined to the connection's event loop.
 */
public final class StatementCache {

    private static final SecureRandom TOKENS = new SecureRandom();

    private int maxSize;
    private final String namePrefix;
    private final long maxLifetimeNanos;
    private final int maxStatementLength;
    private final LinkedHashMap<String, PreparedStatementState> statements;
    private final LinkedHashMap<String, PreparedStatementState> descriptions;
    private final List<String> toClose = new ArrayList<>();
    private long nextId;
    private ResetStatements resetStatements = ResetStatements.NONE;
    private String[] resetStatementNames;

    /** How far the statements of {@link ResetCommand} are prepared on the server. */
    enum ResetStatements {
        /** Not prepared: the next reset parses them. */
        NONE,
        /** Parsed in a flight whose answer has not come back yet. */
        PARSE_SENT,
        /** The server answered a flight that parsed them. */
        CONFIRMED
    }

    /**
     * @param maxSize at most this many statements; 0 disables the cache (unnamed statements only)
     * @param maxLifetimeNanos a statement older than this is re-prepared; 0 means no limit
     * @param maxStatementLength longer SQL texts are never cached
     */
    public StatementCache(int maxSize, long maxLifetimeNanos, int maxStatementLength) {
        this.maxSize = maxSize;
        this.maxLifetimeNanos = maxLifetimeNanos;
        this.maxStatementLength = maxStatementLength;
        this.statements = new LinkedHashMap<>(16, 0.75f, true);
        this.descriptions = new LinkedHashMap<>(16, 0.75f, true);
        this.namePrefix = "tusk_" + Long.toString(TOKENS.nextLong() & Long.MAX_VALUE, 36) + "_";
    }

    /** How many descriptions of unnamed statements a disabled cache remembers. */
    public static final int REMEMBERED_DESCRIPTIONS = 256;

    /** Whether the description of this unnamed statement would be remembered. */
    public boolean remembers(String sql) {
        return maxSize == 0 && sql.length() <= maxStatementLength;
    }

    /** Remembers the description of an unnamed statement (see {@link #remembers}). */
    public void remember(PreparedStatementState description) {
        descriptions.put(description.sql(), description);
        if (descriptions.size() > REMEMBERED_DESCRIPTIONS) {
            Iterator<PreparedStatementState> eldest = descriptions.values().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** The remembered, still fresh description of an unnamed statement, or null. */
    public PreparedStatementState remembered(String sql, long nowNanos) {
        if (descriptions.isEmpty()) {
            return null;
        }
        PreparedStatementState description = descriptions.get(sql);
        if (description != null && maxLifetimeNanos > 0
                && nowNanos - description.preparedAtNanos() > maxLifetimeNanos) {
            descriptions.remove(sql);
            return null;
        }
        return description;
    }

    /** Forgets a remembered description that no longer matches the server's. */
    public void forget(String sql) {
        descriptions.remove(sql);
    }

    /** Whether a statement with this text would be kept in the cache. */
    public boolean accepts(String sql) {
        return maxSize > 0 && sql.length() <= maxStatementLength;
    }

    /** The live cached statement for this SQL text, or null. */
    public PreparedStatementState get(String sql, long nowNanos) {
        if (maxSize == 0) {
            return null;
        }
        PreparedStatementState state = statements.get(sql);
        if (state != null && maxLifetimeNanos > 0 && nowNanos - state.preparedAtNanos() > maxLifetimeNanos) {
            statements.remove(sql);
            toClose.add(state.name());
            return null;
        }
        return state;
    }

    /** A fresh server-side name for a statement about to be cached. */
    public String nextName() {
        return namePrefix + "s" + (nextId++);
    }

    /**
     * The start of every server-side statement name of this connection ({@code tusk_<token>_}),
     * for the statements it prepares outside the cache. Any thread.
     */
    public String namePrefix() {
        return namePrefix;
    }

    /** Whether named statements outlive their flight on this connection (false once the cache is off). */
    public boolean keepsNamedStatements() {
        return maxSize > 0;
    }

    /**
     * A pooler sits between this connection and the server and may run each of its transactions
     * on another server session: the start-up's process id was not the backend's, or the server
     * no longer knew a statement this connection prepared and never closed (with no DEALLOCATE ALL
     * or DISCARD ALL seen). From now on statements are unnamed, with their descriptions
     * remembered, as with a cache of size 0. The cached ones are forgotten without a Close, which
     * would reach another session; Closes already queued still go out (closing a statement a
     * session does not have is no error).
     */
    public void poolerDetected() {
        maxSize = 0;
        statements.clear();
        resetStatements = ResetStatements.NONE;
    }

    /** The session's prepared statements were dropped on the server (DEALLOCATE ALL, DISCARD ALL). */
    public void droppedOnTheServer() {
        statements.clear();
        resetStatements = ResetStatements.NONE;
    }

    /** The server-side names of the {@link ResetCommand}'s statements on this connection. */
    String[] resetStatementNames() {
        if (resetStatementNames == null) {
            resetStatementNames = new String[ResetCommand.STATEMENTS.length];
            for (int i = 0; i < resetStatementNames.length; i++) {
                resetStatementNames[i] = namePrefix + "reset" + i;
            }
        }
        return resetStatementNames;
    }

    ResetStatements resetStatements() {
        return resetStatements;
    }

    void resetStatements(ResetStatements state) {
        resetStatements = state;
    }

    public void put(PreparedStatementState state) {
        PreparedStatementState previous = statements.put(state.sql(), state);
        if (previous != null) {
            toClose.add(previous.name());
        }
        if (statements.size() > maxSize) {
            Iterator<PreparedStatementState> eldest = statements.values().iterator();
            toClose.add(eldest.next().name());
            eldest.remove();
        }
    }

    /** Forgets a statement the server no longer knows or whose result type changed. */
    public void invalidate(String sql) {
        PreparedStatementState state = statements.remove(sql);
        if (state != null) {
            toClose.add(state.name());
        }
    }

    /** Queues a server-side statement that never made it into the cache for closing. */
    public void closeLater(String name) {
        toClose.add(name);
    }

    /** Removes and returns the names of statements to close on the server. */
    public List<String> drainClosable() {
        if (toClose.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(toClose);
        toClose.clear();
        return names;
    }

    public boolean hasClosable() {
        return !toClose.isEmpty();
    }

    public int size() {
        return statements.size();
    }

    public void clear() {
        for (Map.Entry<String, PreparedStatementState> entry : statements.entrySet()) {
            toClose.add(entry.getValue().name());
        }
        statements.clear();
        descriptions.clear();
    }
}
