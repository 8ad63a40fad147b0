package dev.tusk.internal.connection;

import dev.tusk.ProtocolVersion;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.exceptions.QueryTimeoutException;
import dev.tusk.exceptions.TuskException;
import dev.tusk.internal.codec.CodecRegistry;
import dev.tusk.internal.command.Command;
import dev.tusk.internal.command.CommandContext;
import dev.tusk.internal.command.StatementCache;
import dev.tusk.internal.command.StreamingWriter;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.MalformedMessageException;
import dev.tusk.internal.protocol.MessageSink;
import dev.tusk.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import dev.tusk.internal.codec.TypeInfo;
import java.time.Duration;
import io.netty.util.internal.PlatformDependent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop side of a connection: the queue of commands in flight, the out buffer that
 * collects a whole batch of messages for one flush, and the dispatch of each backend message to
 * the command it belongs to. Every field is touched on the event loop only, except those marked
 * volatile or concurrent.
 */
public final class ConnectionCore extends ChannelInboundHandlerAdapter
        implements MessageSink, CommandContext, Command.Abandonment {

    private enum State { OPEN, CLOSING, CLOSED }

    /** Reloads the schema state on the event loop, whoever finds the types outdated. */
    private final Runnable typesOutdated = () -> execute(this::reloadSchemaState);
    private final Channel channel;
    private final EventLoop loop;
    private final ConnectionTypes types;
    private final StatementCache statementCache;
    private final ArrayDeque<Command<?>> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Command<?>> held = new ArrayDeque<>();
    private final Map<String, String> settings = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final Runnable flushTask = this::flushNow;
    private final Queue<Command<?>> submitted = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drainSubmitted;
    private final Runnable streamTask = this::continueStreaming;
    private boolean streamScheduled;
    private final ServerEvents events;

    private Command<?> holdingWrites;
    private final CancelRequests cancels = new CancelRequests();
    /** Commands written so far (each gets the next number). */
    private long writeSequence;
    private ByteBuf out;
    private boolean flushScheduled;
    private boolean reading;
    private boolean flushAfterRead;
    private volatile State state = State.OPEN;
    private volatile char transactionStatus = 'I';
    /** How many transaction blocks have ended (ReadyForQuery turned idle); written on the event loop only. */
    private volatile int blocksEnded;
    private volatile int processId;
    private volatile ProtocolVersion protocolVersion = ProtocolVersion.V3_0;
    private volatile byte[] secretKey;
    private PostgresException fatalError;
    /** Why the connection was lost (not closed by the user); later calls fail with it. */
    private volatile TuskException lostBecause;
    private volatile boolean terminatedByUser;

    public ConnectionCore(Channel channel, CodecRegistry codecs, StatementCache statementCache, ServerEvents events) {
        this(channel, codecs, statementCache, events, null);
    }

    /** @param sharedTypes the types learned by the other connections of a pool, or null */
    public ConnectionCore(Channel channel, CodecRegistry codecs, StatementCache statementCache, ServerEvents events,
            SharedTypes sharedTypes) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.types = new ConnectionTypes(codecs, sharedTypes);
        this.statementCache = statementCache;
        this.events = events;
    }

    // ---- submission, from any thread

    /**
     * Queues a command; its future fails at once if the connection is closing or closed. Calls
     * from other threads go through a lock-free queue that the event loop drains in one task, so
     * a burst of calls costs one wake-up of the event loop, not one each.
     */
    public <T> CompletableFuture<T> submit(Command<T> command) {
        if (loop.inEventLoop()) {
            drainSubmitted();
            enqueue(command);
            return command.future();
        }
        submitted.offer(command);
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(drainTask);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false);
                Command<?> stranded;
                while ((stranded = submitted.poll()) != null) {
                    stranded.fail(new InterfaceException("the connection's event loop has shut down", e));
                }
            }
        }
        return command.future();
    }

    private void drainSubmitted() {
        drainScheduled.set(false);
        Command<?> command;
        while ((command = submitted.poll()) != null) {
            enqueue(command);
        }
    }

    /** Puts a command (a retry) at the end of the queue; from the event loop. */
    @Override
    public void resubmit(Command<?> command) {
        enqueue(command);
    }

    private void enqueue(Command<?> command) {
        if (command.future().isDone()) {
            return; // cancelled by the caller before it reached the connection
        }
        if (state != State.OPEN) {
            command.fail(closedException());
            return;
        }
        command.attach(this);
        if (command.timeoutNanos() > 0) {
            startTimer(command);
        }
        if (writesHeld()) {
            held.add(command);
            return;
        }
        write(command);
    }

    private void write(Command<?> command) {
        ByteBuf buffer = outBuffer();
        int mark = buffer.writerIndex();
        boolean complete;
        try {
            complete = command.encode(buffer, this);
        } catch (RuntimeException refused) {
            buffer.writerIndex(mark);
            command.fail(Failures.toUserException(refused));
            return;
        }
        command.writeSequence(++writeSequence);
        inFlight.add(command);
        if (!complete) {
            holdingWrites = command;
        }
        flushSoon();
    }

    // ---- timeouts and cancellation

    private void startTimer(Command<?> command) {
        long startedAt = System.nanoTime();
        long timeout = command.timeoutNanos();
        io.netty.util.concurrent.ScheduledFuture<?> timer = loop.schedule(() -> {
            if (command.future().completeExceptionally(new QueryTimeoutException(
                    Duration.ofNanos(timeout), Duration.ofNanos(System.nanoTime() - startedAt)))) {
                abandon(command);
            }
        }, timeout, TimeUnit.NANOSECONDS);
        command.future().whenComplete((result, failure) -> timer.cancel(false));
    }

    /**
     * The caller gave up on a command. Not yet written: it is dropped. Running on the server: a
     * CancelRequest is sent. Queued on the server behind others: the cancel waits until it runs,
     * so that it never hits an earlier command. Either way the command still reads its replies
     * up to ReadyForQuery, which keeps the connection in sync.
     */
    @Override
    public void abandon(Command<?> command) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> abandon(command));
            return;
        }
        if (held.remove(command)) {
            return;
        }
        if (inFlight.peek() == command) {
            requestCancel();
        } else if (inFlight.contains(command)) {
            command.cancelOnceRunning(true);
        }
    }

    private void requestCancel() {
        byte[] key = secretKey;
        if (key == null || state == State.CLOSED) {
            return;
        }
        cancels.sending(inFlight.peek());
        CancelRequester.send(channel.remoteAddress(), processId, key).whenComplete((ignored, failure) ->
                loop.execute(() -> {
                    cancels.delivered(writeSequence);
                    drainHeld();
                }));
    }

    // ---- CommandContext

    @Override
    public ByteBuf outBuffer() {
        if (out == null) {
            out = channel.alloc().ioBuffer(512);
        }
        return out;
    }

    @Override
    public void flushSoon() {
        if (reading) {
            flushAfterRead = true;
        } else if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(flushTask);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        ByteBuf batch = out;
        if (batch == null) {
            return;
        }
        out = null;
        if (batch.isReadable() && channel.isActive()) {
            channel.writeAndFlush(batch, channel.voidPromise());
        } else {
            batch.release();
        }
        scheduleStreaming();
    }

    /**
     * A command that writes over several turns gets its next turn once the socket can take more,
     * and after the event loop has read what arrived meanwhile: a scheduled task (delay 0) runs
     * after the loop's next poll for I/O, where a task in its queue would run in the same batch
     * of tasks, chunk after chunk for up to a second. So the server's error in a long batch (after
     * which it discards the rest) stops the writing within a chunk or two, not tens of megabytes later.
     */
    private void scheduleStreaming() {
        if (holdingWrites instanceof StreamingWriter && channel.isWritable() && !streamScheduled) {
            streamScheduled = true;
            loop.schedule(streamTask, 0, TimeUnit.NANOSECONDS);
        }
    }

    private void continueStreaming() {
        streamScheduled = false;
        Command<?> writer = holdingWrites;
        if (writer instanceof StreamingWriter && channel.isWritable() && state != State.CLOSED) {
            if (!((StreamingWriter) writer).writeMore(this) && holdingWrites == writer) {
                resumeWrites();
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        scheduleStreaming();
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * Writes wait while a command needs the server's reply before it can write the rest, and while
     * a cancel request is on its way (so that it cannot hit a command written after it).
     */
    private boolean writesHeld() {
        return holdingWrites != null || cancels.onTheirWay();
    }

    @Override
    public void resumeWrites() {
        holdingWrites = null;
        drainHeld();
    }

    private void drainHeld() {
        while (!writesHeld() && !held.isEmpty()) {
            write(held.poll());
        }
        if (held.isEmpty()) {
            terminateIfClosingAndIdle();
        }
    }

    @Override
    public CodecRegistry codecs() {
        return types.codecs();
    }

    @Override
    public Runnable typesOutdated() {
        return typesOutdated;
    }

    @Override
    public void typesLearned(List<TypeInfo> learned, int[] requested) {
        types.learned(learned, requested);
    }

    @Override
    public Set<Integer> typesLookedUp() {
        return types.lookedUp();
    }

    @Override
    public boolean typeLookupPrepared() {
        return types.lookupPrepared();
    }

    @Override
    public void typeLookupPrepared(boolean prepared) {
        types.lookupPrepared(prepared);
    }

    /**
     * Changes the codecs (a custom codec set or reset); cached statements are dropped, as their
     * codecs may be stale. On the event loop.
     */
    public void changeCodecs(UnaryOperator<CodecRegistry> change) {
        types.change(change);
        statementCache.clear();
    }

    /** Forgets every looked-up type and cached statement (asyncpg's reload_schema_state). On the event loop. */
    public void reloadSchemaState() {
        types.reload();
        statementCache.clear();
    }

    /** Runs {@code task} on this connection's event loop. */
    public void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    @Override
    public boolean mayBeHitByAnEarlierCommandsCancel(Command<?> command) {
        return cancels.mayHit(command);
    }

    @Override
    public boolean inTransaction() {
        return transactionStatus != 'I';
    }

    @Override
    public StatementCache statementCache() {
        return statementCache;
    }

    @Override
    public void parameterStatus(String name, String value) {
        settings.put(name, value);
    }

    @Override
    public void backendKey(int processId, byte[] secretKey) {
        this.processId = processId;
        this.secretKey = secretKey;
    }

    // ---- inbound

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (flushAfterRead) {
            flushAfterRead = false;
            flushNow();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void onMessage(byte type, ByteBuf body, int length) {
        reading = true;
        int end = body.readerIndex() + length;
        switch (type) {
            case BackendMessage.PARAMETER_STATUS:
                parameterStatus(Wire.readCString(body, end), Wire.readCString(body, end));
                return;
            case BackendMessage.NOTICE_RESPONSE:
                events.notice(ErrorFieldsReader.read(body, end));
                return;
            case BackendMessage.NOTIFICATION_RESPONSE:
                int pid = Wire.readInt(body, end);
                String channelName = Wire.readCString(body, end);
                String payload = Wire.readCString(body, end);
                events.notification(pid, channelName, payload);
                return;
            default:
                break;
        }
        Command<?> command = inFlight.peek();
        if (command != null && type == BackendMessage.ERROR_RESPONSE) {
            rememberIfFatal(body, end);
        }
        if (command == null) {
            if (type == BackendMessage.ERROR_RESPONSE) {
                // a FATAL error outside any query, e.g. the server shutting down: the socket closes next
                fatalError = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                return;
            }
            throw new MalformedMessageException("unexpected " + BackendMessage.name(type) + " with no query in flight");
        }
        if (type == BackendMessage.READY_FOR_QUERY) {
            char status = (char) Wire.readByte(body, end);
            if (status == 'I' && transactionStatus != 'I') {
                blocksEnded++;
            }
            transactionStatus = status;
        } else if (type == BackendMessage.COMMAND_COMPLETE && droppedAllStatements(body, end)) {
            statementCache.droppedOnTheServer();
            types.lookupPrepared(false);
        }
        if (command.handle(type, body, end, this)) {
            inFlight.poll();
            Command<?> next = inFlight.peek();
            if (next != null && next.cancelOnceRunning()) {
                requestCancel();
            }
            terminateIfClosingAndIdle();
        }
    }

    private static final byte[] DEALLOCATE_ALL = "DEALLOCATE ALL\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DISCARD_ALL = "DISCARD ALL\0".getBytes(StandardCharsets.US_ASCII);

    /** Whether this CommandComplete reports that the session's prepared statements were dropped. */
    private static boolean droppedAllStatements(ByteBuf body, int end) {
        int length = end - body.readerIndex();
        byte[] tag = length == DEALLOCATE_ALL.length ? DEALLOCATE_ALL : length == DISCARD_ALL.length ? DISCARD_ALL : null;
        if (tag == null) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (body.getByte(body.readerIndex() + i) != tag[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable failure = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        failAndClose(Failures.toUserException(failure));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            TuskException cause = fatalError != null ? fatalError : PostgresExceptions.clientSide("08003",
                    "connection was closed in the middle of operation", null);
            if (!terminatedByUser) {
                lostBecause = cause;
            }
            failPending(cause);
        }
        if (out != null) {
            out.release();
            out = null;
        }
        // listeners first: whoever waits on the close sees them done
        events.terminated();
        closeFuture.complete(null);
        ctx.fireChannelInactive();
    }

    // ---- closing

    /**
     * Closes after the commands already queued have finished, waiting for them at most
     * {@code boundNanos} (0: {@link #DEFAULT_CLOSE_BOUND_NANOS}); after that the socket is closed
     * and they fail with a connection exception, so that a close never hangs on a server that
     * stopped answering. From any thread.
     */
    public CompletableFuture<Void> closeGracefully(long boundNanos) {
        loop.execute(() -> {
            if (state == State.OPEN) {
                state = State.CLOSING;
                terminateIfClosingAndIdle();
                if (state == State.CLOSING) {
                    long bound = boundNanos > 0 ? boundNanos : DEFAULT_CLOSE_BOUND_NANOS;
                    loop.schedule(() -> closeNowAfterBound(PostgresExceptions.clientSide("08006", "the connection was closed "
                            + "after waiting " + Duration.ofNanos(bound).toMillis()
                            + " ms for the calls in flight to finish", null)), bound, TimeUnit.NANOSECONDS);
                }
            }
        });
        return closeFuture;
    }

    private void closeNowAfterBound(TuskException cause) {
        terminatedByUser = true;
        failAndClose(cause);
    }

    /** How long a graceful close waits for calls in flight when the connection has no command timeout. */
    public static final long DEFAULT_CLOSE_BOUND_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** A FATAL or PANIC error ends the session: it becomes the failure of every pending and later call. */
    private void rememberIfFatal(ByteBuf body, int end) {
        int start = body.readerIndex();
        PostgresException error = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
        body.readerIndex(start);
        String severity = error.getSeverityNonLocalized() != null ? error.getSeverityNonLocalized() : error.getSeverity();
        if ("FATAL".equals(severity) || "PANIC".equals(severity)) {
            fatalError = error;
        }
    }

    private void terminateIfClosingAndIdle() {
        if (state == State.CLOSING && inFlight.isEmpty() && held.isEmpty() && !writesHeld()) {
            state = State.CLOSED;
            ByteBuf buffer = outBuffer();
            FrontendMessages.terminate(buffer);
            out = null;
            channel.writeAndFlush(buffer).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Closes the socket now; pending calls fail. From any thread. */
    public void terminate() {
        terminatedByUser = true;
        channel.close();
    }

    private void failAndClose(TuskException cause) {
        if (state == State.CLOSED && !channel.isActive()) {
            return;
        }
        state = State.CLOSED;
        if (!terminatedByUser) {
            lostBecause = cause;
        }
        failPending(cause);
        channel.close();
    }

    private void failPending(TuskException cause) {
        holdingWrites = null;
        Command<?> command;
        while ((command = inFlight.poll()) != null) {
            command.fail(cause);
        }
        while ((command = held.poll()) != null) {
            command.fail(cause);
        }
    }

    private TuskException closedException() {
        TuskException lost = lostBecause;
        if (lost != null) {
            return lost; // the same failure the calls pending at that moment saw
        }
        return new InterfaceException(state == State.CLOSING ? "the connection is closing" : "the connection is closed");
    }

    // ---- state for the API

    public boolean isOpen() {
        return state == State.OPEN;
    }

    public boolean isClosed() {
        return state == State.CLOSED || !channel.isActive();
    }

    public boolean isInTransaction() {
        return transactionStatus != 'I';
    }

    /**
     * How many transaction blocks the server has ended on this connection so far, however they
     * ended (a COMMIT or ROLLBACK through any call, a failed COMMIT): a transaction that began
     * when the count was {@code n} is over once it is no longer {@code n}.
     */
    public int blocksEnded() {
        return blocksEnded;
    }

    /** The protocol version the start-up settled on. */
    public ProtocolVersion protocolVersion() {
        return protocolVersion;
    }

    public void protocolVersion(ProtocolVersion version) {
        this.protocolVersion = version;
    }

    public int processId() {
        return processId;
    }

    public byte[] secretKey() {
        return secretKey;
    }

    public Map<String, String> settings() {
        return Collections.unmodifiableMap(settings);
    }

    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    public Channel channel() {
        return channel;
    }
}
