package dev.tusk.internal.pool;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.Pool;
import dev.tusk.PoolMetrics;
import dev.tusk.PoolOptions;
import dev.tusk.PooledConnection;
import dev.tusk.Transaction;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PoolTimeoutException;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.exceptions.QueryCanceledException;
import dev.tusk.internal.command.ResultCollector;
import dev.tusk.internal.command.TrailingReset;
import dev.tusk.internal.connection.PgConnection;
import dev.tusk.internal.connection.Transports;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The pool: idle connections in a lock-free deque (most recently used first, so that the least
 * used ones reach their inactivity limit), waiting acquires in a FIFO {@link WaitQueue}, and one
 * atomic count of connections (open or being opened) bounded by {@code maxSize}.
 *
 * <p>Every change that may let a waiter proceed (a connection released or opened, a waiter added)
 * calls {@link #drain()}, which hands idle connections to waiters in order. Only one thread drains
 * at a time; a thread that finds the drain busy leaves a note and the draining thread loops
 * again, so no hand-off is lost and nothing blocks.
 */
public final class ConnectionPool extends PoolQueries {

    private static final System.Logger LOG = System.getLogger("dev.tusk.pool");
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /**
     * How long a one-call method's answer waits, after its call, for the connection to be back:
     * its reset's reply follows the call's at once on a healthy connection; past this the answer
     * goes out without it.
     */
    private static final long RELEASE_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** How many of the most recently released idle connections an acquire looks at for one of its own event loop. */
    private static final int AFFINITY_SCAN = 4;

    private final PoolOptions options;
    private final long acquireTimeoutNanos;
    final long maxInactiveNanos;
    final long leakThresholdNanos;
    private final ConcurrentLinkedDeque<PoolEntry> idle = new ConcurrentLinkedDeque<>();
    /** Every open connection, idle or lent. */
    final Set<PoolEntry> entries = ConcurrentHashMap.newKeySet();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger opening = new AtomicInteger();
    /** Connections discarded whose close has not finished: the pool is closed once they have. */
    private final AtomicInteger closingConnections = new AtomicInteger();
    private final AtomicInteger drainRequests = new AtomicInteger();
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private final WaitQueue waiters = new WaitQueue();
    final PoolStatistics statistics;
    private final ConnectionOpener opener;
    private final Housekeeper housekeeper;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile ConnectOptions connectOptions;
    private volatile boolean closing;
    private final AtomicInteger generation = new AtomicInteger();

    private ConnectionPool(PoolOptions options) {
        this.options = options;
        this.connectOptions = options.connectOptions();
        this.acquireTimeoutNanos = options.acquireTimeout().toNanos();
        this.maxInactiveNanos = options.maxInactiveConnectionLifetime().toNanos();
        this.leakThresholdNanos = options.leakDetectionThreshold().toNanos();
        this.statistics = new PoolStatistics(this, options.listener());
        this.opener = new ConnectionOpener(options, this::fill);
        this.housekeeper = new Housekeeper(this, options);
    }

    /**
     * Creates a pool and opens its {@code minSize} connections.
     *
     * @param options the pool's options
     * @return the pool once {@code minSize} connections are open; when one cannot be opened the
     *     pool is terminated and the future fails with that connection's error
     */
    public static CompletableFuture<Pool> create(PoolOptions options) {
        ConnectionPool pool = new ConnectionPool(Objects.requireNonNull(options, "options"));
        int count = options.minSize();
        CompletableFuture<?>[] opens = new CompletableFuture<?>[count];
        pool.total.addAndGet(count);
        for (int i = 0; i < count; i++) {
            opens[i] = pool.openOne();
        }
        return CompletableFuture.allOf(opens).handle((ignored, failure) -> {
            if (failure != null) {
                pool.terminate();
                throw new CompletionException(Futures.unwrap(failure));
            }
            pool.housekeeper.start();
            return pool;
        });
    }

    // ---- acquire

    @Override
    public CompletableFuture<PooledConnection> acquire() {
        return acquire(acquireTimeoutNanos);
    }

    @Override
    public CompletableFuture<PooledConnection> acquire(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InterfaceException("timeout: " + timeout + " (expected: > 0)");
        }
        return acquire(timeout.toNanos());
    }

    private CompletableFuture<PooledConnection> acquire(long timeoutNanos) {
        if (closing) {
            return CompletableFuture.failedFuture(closingException());
        }
        PooledConnectionProxy lentAtOnce = lendIdleNow();
        if (lentAtOnce != null) {
            return CompletableFuture.completedFuture(lentAtOnce);
        }
        long start = System.nanoTime();
        Throwable acquiredAt = leakThresholdNanos > 0 ? new Throwable("connection acquired here") : null;
        Waiter waiter = new Waiter(start, timeoutNanos, acquiredAt);
        waiters.add(waiter);
        waiter.startTimer(() -> timeOut(waiter, timeoutNanos), timeoutNanos);
        if (closing) {
            waiter.result.completeExceptionally(closingException());
            return waiter.result;
        }
        fill();
        drain();
        return waiter.result;
    }

    /**
     * An idle connection lent at once, when no setup function has to run first and no earlier
     * acquire is waiting; else null.
     */
    @Override
    PooledConnectionProxy lendIdleNow() {
        if (closing || options.setup() != null || !waiters.isEmpty()) {
            return null;
        }
        long start = System.nanoTime();
        PoolEntry entry = pollIdle(start);
        if (entry == null) {
            return null;
        }
        Throwable acquiredAt = leakThresholdNanos > 0 ? new Throwable("connection acquired here") : null;
        PooledConnectionProxy proxy = lend(entry, acquiredAt);
        statistics.acquired(System.nanoTime() - start);
        return proxy;
    }

    private void timeOut(Waiter waiter, long timeoutNanos) {
        int size = total.get();
        int idleSize = idle.size();
        PoolTimeoutException timeout = new PoolTimeoutException(Duration.ofNanos(timeoutNanos),
                Duration.ofNanos(System.nanoTime() - waiter.startNanos), size, idleSize,
                Math.max(0, size - idleSize - opening.get()), waiters.pending(), opener.lastFailure());
        if (waiter.settle()) {
            statistics.timedOut(timeout);
            waiter.result.completeExceptionally(timeout);
        }
    }

    /**
     * The first usable idle connection, preferring one served by the calling thread's event loop;
     * unusable ones met on the way are retired.
     */
    private PoolEntry pollIdle(long nowNanos) {
        PoolEntry entry = pollIdleOfCallingThread(nowNanos);
        if (entry != null) {
            return entry;
        }
        while ((entry = idle.pollFirst()) != null) {
            if (usableOrRetired(entry, nowNanos)) {
                return entry;
            }
        }
        return null;
    }

    /** Whether {@code entry}, just taken out of the idle deque, can be lent; if not, it is retired and replaced. */
    private boolean usableOrRetired(PoolEntry entry, long nowNanos) {
        if (isUsable(entry, nowNanos)) {
            return true;
        }
        discard(entry, true);
        fill();
        return false;
    }

    /**
     * When the caller runs on an event loop (a call chained on the completion of another), an idle
     * connection of that same loop among the most recently released ones: the call is then written
     * by the thread that is already running, where a connection of another loop would have to wake
     * that loop's thread (as HikariCP prefers the connection a thread used last).
     */
    private PoolEntry pollIdleOfCallingThread(long nowNanos) {
        if (!Transports.onIoThread()) {
            return null;
        }
        int looked = 0;
        for (PoolEntry entry : idle) {
            if (++looked > AFFINITY_SCAN) {
                return null;
            }
            if (entry.servedByCallingThread() && idle.remove(entry)) {
                return usableOrRetired(entry, nowNanos) ? entry : null;
            }
        }
        return null;
    }

    boolean isUsable(PoolEntry entry, long nowNanos) {
        return !entry.isDiscarded() && !entry.connection.isClosed() && entry.generation == generation.get()
                && !entry.lifetimeExceeded(nowNanos) && !entry.idleLongerThan(maxInactiveNanos, nowNanos);
    }

    private PooledConnectionProxy lend(PoolEntry entry, Throwable acquiredAt) {
        PooledConnectionProxy proxy = new PooledConnectionProxy(this, entry, System.nanoTime(), acquiredAt);
        entry.lentTo = proxy;
        return proxy;
    }

    /** Hands idle connections to waiters, first come first served; one thread at a time. */
    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            Waiter waiter;
            while ((waiter = waiters.peekWaiting()) != null) {
                PoolEntry entry = pollIdle(System.nanoTime());
                if (entry == null) {
                    break;
                }
                waiters.removeHead();
                deliver(entry, waiter);
            }
            requests = drainRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    private void deliver(PoolEntry entry, Waiter waiter) {
        PooledConnectionProxy proxy = lend(entry, waiter.acquiredAt);
        if (options.setup() == null) {
            if (!handOver(proxy, waiter) && proxy.detach() != null) {
                entry.lentTo = null;
                offer(entry); // the acquirer gave up before touching it: no reset needed
            }
            return;
        }
        Futures.within(Futures.<Connection, Object>call(options.setup(), proxy),
                waiter.remainingNanos(System.nanoTime()), "setup").whenComplete((ignored, failure) -> {
                    if (failure == null && !entry.isDiscarded() && !entry.connection.isClosed()) {
                        if (!handOver(proxy, waiter)) {
                            release(proxy, acquireTimeoutNanos, false);
                        }
                    } else {
                        setupFailed(proxy, waiter, failure);
                    }
                });
    }

    /**
     * Fails the acquire whose setup failed, overran the acquire's deadline, or outlived its
     * connection. The connection is reset and kept when the setup merely failed; it is closed
     * when it broke or when the setup may still be using it.
     */
    private void setupFailed(PooledConnectionProxy proxy, Waiter waiter, Throwable failure) {
        Throwable cause = failure == null
                ? PostgresExceptions.clientSide("08003", "the connection closed while the pool's setup function ran", null)
                : Futures.unwrap(failure);
        boolean overran = cause instanceof HookTimeoutException;
        release(proxy, acquireTimeoutNanos, overran);
        if (overran) {
            timeOut(waiter, waiter.timeoutNanos);
        } else if (waiter.settle()) {
            waiter.result.completeExceptionally(cause);
        }
    }

    /** Completes the acquire with the connection; false when it timed out or was cancelled first. */
    private boolean handOver(PooledConnectionProxy proxy, Waiter waiter) {
        if (!waiter.settle() || waiter.result.isDone()) {
            return false;
        }
        statistics.acquired(System.nanoTime() - waiter.startNanos);
        return waiter.result.complete(proxy);
    }

    // ---- release

    @Override
    public CompletableFuture<Void> release(PooledConnection connection) {
        return release(connection, options.acquireTimeout());
    }

    @Override
    public CompletableFuture<Void> release(PooledConnection connection, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (!(connection instanceof PooledConnectionProxy proxy) || proxy.pool != this) {
            throw new InterfaceException("release: " + connection + " was not acquired from this pool");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InterfaceException("timeout: " + timeout + " (expected: > 0)");
        }
        return release(proxy, timeout.toNanos(), false);
    }

    CompletableFuture<Void> release(PooledConnectionProxy proxy) {
        return release(proxy, acquireTimeoutNanos, false);
    }

    @Override
    <T> CompletableFuture<T> callAndRelease(PooledConnection connection,
            Function<? super PooledConnection, ? extends CompletionStage<T>> call) {
        PooledConnectionProxy proxy = (PooledConnectionProxy) connection;
        Connection underlying = proxy.connectionOrNull();
        CompletableFuture<T> result = Futures.call(call, proxy);
        CompletableFuture<Void> released = release(proxy, acquireTimeoutNanos, false, result);
        if (released.isDone() || !(underlying instanceof PgConnection pg)) {
            // back already, or a caller's own connection, with no event loop to time the grace on:
            // the answer goes out with the call
            return result;
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        result.whenComplete((value, failure) -> answerOnceBack(answer, value, failure, released, pg));
        return answer;
    }

    @Override
    <T> CompletableFuture<T> queryAndRelease(PooledConnection connection, Duration timeout, String sql, Object[] args,
            ResultCollector<T> collector, Function<? super PooledConnection, ? extends CompletionStage<T>> call) {
        PooledConnectionProxy proxy = (PooledConnectionProxy) connection;
        PoolEntry lent = proxy.entryOrNull();
        if (!options.resetsByDefault() || lent == null || !(lent.connection instanceof PgConnection pg)) {
            return callAndRelease(connection, call);
        }
        lent.countQuery();
        TrailingReset reset = new TrailingReset();
        CompletableFuture<T> result;
        try {
            result = pg.queryThenReset(timeout, sql, args, collector, reset);
        } catch (RuntimeException refused) {
            result = CompletableFuture.failedFuture(refused);
        }
        PoolEntry entry = takeBack(proxy, false);
        if (entry == null) {
            return result; // replaced, not reset: nothing to wait for
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        result.whenComplete((value, failure) -> {
            statistics.released(System.nanoTime() - proxy.lentNanos);
            if (reset.succeeded() && !pg.isClosed()) {
                offer(entry);
                complete(answer, value, failure);
                return;
            }
            // the call failed, opened a transaction, or the reset could not ride along: reset as usual
            CompletableFuture<Void> released = settle(entry, cleanSession(pg, null), acquireTimeoutNanos);
            answerOnceBack(answer, value, failure, released, pg);
        });
        return answer;
    }

    /**
     * Completes a one-call method's {@code answer} once its connection is back ({@code released}),
     * or a short grace after the call when the reset is slower (a slow or broken network must not
     * hold the caller's answer).
     */
    private static <T> void answerOnceBack(CompletableFuture<T> answer, T value, Throwable failure,
            CompletableFuture<Void> released, PgConnection pg) {
        if (released.isDone()) {
            complete(answer, value, failure);
            return;
        }
        Runnable deliver = () -> complete(answer, value, failure);
        Future<?> grace;
        try {
            grace = pg.scheduleOnEventLoop(deliver, RELEASE_GRACE_NANOS);
        } catch (RejectedExecutionException loopShutDown) {
            deliver.run();
            return;
        }
        released.whenComplete((done, never) -> {
            grace.cancel(false);
            deliver.run();
        });
    }

    private static <T> void complete(CompletableFuture<T> future, T value, Throwable failure) {
        if (failure != null) {
            future.completeExceptionally(failure);
        } else {
            future.complete(value);
        }
    }

    private CompletableFuture<Void> release(PooledConnectionProxy proxy, long timeoutNanos, boolean broken) {
        return release(proxy, timeoutNanos, broken, null);
    }

    /**
     * Takes the connection back: reset and offered again, or replaced when {@code broken} or
     * unusable. With a {@code call} still in flight on it, the reset is started at once (a reset
     * that runs statements queues them behind the call) and the connection is judged only once
     * both have completed, as its state is known only then.
     */
    private CompletableFuture<Void> release(PooledConnectionProxy proxy, long timeoutNanos, boolean broken,
            CompletableFuture<?> call) {
        PoolEntry entry = takeBack(proxy, broken);
        if (entry == null) {
            return DONE;
        }
        Connection connection = entry.connection;
        CompletableFuture<Object> reset = cleanSession(connection, proxy.activeTransaction());
        if (call == null) {
            statistics.released(System.nanoTime() - proxy.lentNanos);
            return settle(entry, reset, timeoutNanos);
        }
        CompletableFuture<Void> released = new CompletableFuture<>();
        call.whenComplete((value, failure) -> {
            statistics.released(System.nanoTime() - proxy.lentNanos);
            // Done before the call: the call ran again behind it (a stale statement or a stray
            // cancel is retried at the end of the queue), or the reset runs no statement. Either
            // way the call may have changed the session after it: reset once more. The reset's
            // time runs from here, the end of the call it waited behind.
            CompletableFuture<Object> last = reset.isDone() ? reset.thenCompose(done -> cleanSession(connection, null))
                    : reset;
            settle(entry, last, timeoutNanos).whenComplete((done, never) -> released.complete(null));
        });
        return released;
    }

    /**
     * Cuts the proxy from its connection and decides the connection's fate: the entry, to be reset
     * and offered again; or null when it was released already, or is replaced here (broken,
     * discarded, closed, over its query count, lifetime or generation, or the pool closing).
     */
    private PoolEntry takeBack(PooledConnectionProxy proxy, boolean broken) {
        PoolEntry entry = proxy.detach();
        if (entry == null) {
            return null;
        }
        entry.lentTo = null;
        proxy.removeListenersFrom(entry.connection);
        long now = System.nanoTime();
        Connection connection = entry.connection;
        if (broken || entry.isDiscarded() || connection.isClosed()) {
            statistics.released(now - proxy.lentNanos);
            replace(entry, false);
            return null;
        }
        if (closing || entry.queries() >= options.maxQueries() || entry.generation != generation.get()
                || entry.lifetimeExceeded(now)) {
            statistics.released(now - proxy.lentNanos);
            replace(entry, true);
            return null;
        }
        return entry;
    }

    /**
     * Offers the connection once its {@code reset} succeeded within {@code timeoutNanos}, else
     * replaces it. A reset that ran inside a transaction (one a call still in flight at the
     * release opened) is followed by a rollback and another reset.
     */
    private CompletableFuture<Void> settle(PoolEntry entry, CompletableFuture<Object> reset, long timeoutNanos) {
        Connection connection = entry.connection;
        CompletableFuture<Object> cleaned = reset.thenCompose(done -> connection.isInTransaction()
                ? cleanSession(connection, null) : CompletableFuture.completedFuture(done));
        return within(connection, cleaned, timeoutNanos).handle((ignored, failure) -> {
            if (failure == null && !connection.isClosed() && !connection.isInTransaction()) {
                offer(entry);
            } else {
                LOG.log(Level.DEBUG, () -> "discarding " + connection + ": its reset "
                        + (failure == null ? "left it unusable" : "failed: " + Futures.unwrap(failure)));
                replace(entry, false);
            }
            return null;
        });
    }

    /**
     * Fails {@code future} (the pool's own) with a {@link TimeoutException} unless it completes
     * within {@code nanos}: timed on the connection's event loop, where the reset completes, or on
     * the shared timer for a connection of a caller's connect function.
     */
    private static <T> CompletableFuture<T> within(Connection connection, CompletableFuture<T> future, long nanos) {
        if (future.isDone()) {
            return future;
        }
        if (!(connection instanceof PgConnection pg)) {
            return future.orTimeout(nanos, TimeUnit.NANOSECONDS);
        }
        Future<?> timer;
        try {
            timer = pg.scheduleOnEventLoop(() -> future.completeExceptionally(new TimeoutException()), nanos);
        } catch (RejectedExecutionException loopShutDown) {
            return future.orTimeout(nanos, TimeUnit.NANOSECONDS);
        }
        future.whenComplete((value, failure) -> timer.cancel(false));
        return future;
    }

    private CompletableFuture<Object> cleanSession(Connection connection, Transaction leftActive) {
        if (leftActive != null) {
            return leftActive.rollback().thenCompose(rolledBack -> cleanSession(connection, null));
        }
        if (!connection.isInTransaction()) {
            return resetRetryingAStaleCancel(connection);
        }
        return Futures.<Connection, Object>call(c -> c.execute("ROLLBACK"), connection)
                .thenCompose(status -> resetRetryingAStaleCancel(connection));
    }

    /**
     * Runs the reset, again if a stale cancel request hit it: the server may act on a cancel
     * aimed at the previous user's call only when the next statement starts (57014), and it
     * acts on one such request only once.
     */
    private CompletableFuture<Object> resetRetryingAStaleCancel(Connection connection) {
        return Futures.call(options.reset(), connection).handle((done, failure) -> {
            if (failure != null && Futures.unwrap(failure) instanceof QueryCanceledException && !connection.isClosed()) {
                return Futures.call(options.reset(), connection);
            }
            return failure == null ? CompletableFuture.completedFuture(done) : CompletableFuture.failedFuture(failure);
        }).thenCompose(next -> next);
    }

    /** Puts a clean connection back: to the first waiter, or to the idle deque. */
    private void offer(PoolEntry entry) {
        entry.markIdle(System.nanoTime());
        idle.offerFirst(entry);
        if (closing || entry.isDiscarded()) {
            if (idle.remove(entry)) {
                discard(entry, true);
            }
            return;
        }
        drain();
    }

    // ---- opening and closing connections

    /** Opens connections while the pool is under {@code minSize} or has more waiters than openings. */
    void fill() {
        for (int attempts = options.maxSize(); attempts > 0 && !closing; attempts--) {
            int size = total.get();
            if (size >= options.maxSize() || (size >= options.minSize() && opening.get() >= waiters.pending())) {
                return;
            }
            if (total.compareAndSet(size, size + 1)) {
                openOne();
            }
        }
    }

    /** Opens one connection for a slot already counted in {@link #total}. */
    private CompletableFuture<Void> openOne() {
        opening.incrementAndGet();
        int openedGeneration = generation.get();
        return opener.open(connectOptions).handle((connection, failure) -> {
            opening.decrementAndGet();
            if (failure != null) {
                Throwable cause = Futures.unwrap(failure);
                total.decrementAndGet();
                statistics.connectFailed(cause);
                checkClosed();
                if (!closing) {
                    opener.failed(cause);
                }
                throw new CompletionException(cause);
            }
            opener.succeeded();
            adopt(connection, openedGeneration);
            return null;
        });
    }

    private void adopt(Connection connection, int openedGeneration) {
        long now = System.nanoTime();
        long lifetime = options.maxLifetime().toNanos();
        if (lifetime > 0) {
            lifetime -= (long) (lifetime * 0.025 * ThreadLocalRandom.current().nextDouble());
        }
        PoolEntry entry = new PoolEntry(connection, now, lifetime, openedGeneration);
        entries.add(entry);
        statistics.created(connection);
        connection.onClose().whenComplete((ignored, failure) -> {
            if (discard(entry, false) && !closing) {
                fill();
            }
        });
        offer(entry);
    }

    /** Closes a connection and opens another if the pool needs one. */
    void replace(PoolEntry entry, boolean graceful) {
        discard(entry, graceful);
        if (!closing) {
            fill();
        }
    }

    /** Removes a connection from the pool and closes it; true for the one caller that does so. */
    boolean discard(PoolEntry entry, boolean graceful) {
        if (!entry.markDiscarded()) {
            return false;
        }
        idle.remove(entry);
        entries.remove(entry);
        closingConnections.incrementAndGet();
        total.decrementAndGet();
        Connection connection = entry.connection;
        connection.onClose().whenComplete((ignored, failure) -> {
            closingConnections.decrementAndGet();
            checkClosed();
        });
        if (graceful && !connection.isClosed()) {
            connection.closeAsync().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    connection.terminate();
                }
            });
        } else {
            connection.terminate();
        }
        statistics.closed(connection);
        checkClosed();
        return true;
    }

    /** Takes an idle connection out if it is still idle; for the housekeeper. */
    boolean removeIdle(PoolEntry entry) {
        return idle.remove(entry);
    }

    Iterable<PoolEntry> idleEntries() {
        return idle;
    }

    private void checkClosed() {
        if (closing && total.get() == 0 && closingConnections.get() == 0) {
            housekeeper.stop();
            closed.complete(null);
        }
    }

    private static InterfaceException closingException() {
        return new InterfaceException("the pool is closing");
    }

    // ---- whole-pool operations

    @Override
    public CompletableFuture<Void> closeAsync() {
        if (closeStarted.compareAndSet(false, true)) {
            closing = true;
            housekeeper.stop();
            waiters.failAll(closingException());
            PoolEntry entry;
            while ((entry = idle.pollFirst()) != null) {
                discard(entry, true);
            }
            checkClosed();
        }
        return closed;
    }

    @Override
    public void close() {
        closeAsync().join();
    }

    @Override
    public void terminate() {
        closeAsync();
        for (PoolEntry entry : entries) {
            discard(entry, false);
        }
    }

    @Override
    public void expireConnections() {
        generation.incrementAndGet();
        housekeeper.retireIdle();
    }

    @Override
    public void setConnectArgs(ConnectOptions options) {
        this.connectOptions = Objects.requireNonNull(options, "options");
    }

    @Override
    public int getSize() {
        return total.get();
    }

    @Override
    public int getMinSize() {
        return options.minSize();
    }

    @Override
    public int getMaxSize() {
        return options.maxSize();
    }

    @Override
    public int getIdleSize() {
        return idle.size();
    }

    int inUseSize() {
        return Math.max(0, total.get() - idle.size() - opening.get());
    }

    int pendingAcquires() {
        return waiters.pending();
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public PoolMetrics metrics() {
        return statistics;
    }

    @Override
    public String toString() {
        return "Pool[size=" + getSize() + ", idle=" + getIdleSize() + ", inUse=" + inUseSize() + ", waiting="
                + pendingAcquires() + (closing ? ", closing" : "") + ", " + connectOptions.hosts() + "]";
    }
}
