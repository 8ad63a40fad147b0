package dev.tusk.internal.command;

import dev.tusk.CopySink;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.copy.CopyFailures;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A COPY ... TO STDOUT through a simple Query: CopyOutResponse, CopyData*, CopyDone,
 * CommandComplete, ReadyForQuery. The data goes to a {@link CopySink} in chunks of about 64 KiB,
 * one at a time; while the sink has not accepted a chunk, reading from the socket is paused, so
 * memory stays bounded however large the export and however slow the sink.
 *
 * <p>When the sink fails, the call fails at once with the sink's exception and the server is
 * asked to cancel the COPY; the rest of the data is read and dropped so the connection stays in
 * sync. Completes with the command status ({@code "COPY 1000"}) after the sink finished.
 */
public final class CopyOutCommand extends Command<String> {

    private static final int CHUNK_BYTES = 64 * 1024;

    private final String sql;
    private final CopySink sink;
    private final Channel channel;
    private final ArrayDeque<ByteBuffer> waiting = new ArrayDeque<>();
    private ByteBuffer chunk;
    private boolean started;
    private boolean sinkBusy;
    private boolean paused;
    private boolean ready;
    private boolean settled;
    private RuntimeException serverError;
    private String status;

    public CopyOutCommand(String sql, CopySink sink, Channel channel) {
        this.sql = sql;
        this.sink = sink;
        this.channel = channel;
    }

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        FrontendMessages.query(out, sql);
        future.whenComplete((result, failure) -> {
            if (failure != null) {
                channel.eventLoop().execute(() -> settleFailed(failure));
            }
        });
        return true;
    }

    @Override
    public boolean handle(byte type, ByteBuf body, int end, CommandContext context) {
        switch (type) {
            case BackendMessage.COPY_OUT_RESPONSE:
                if (started) {
                    throw unexpected(type);
                }
                started = true;
                return false;
            case BackendMessage.COPY_DATA:
                if (!started) {
                    throw unexpected(type);
                }
                if (!settled) {
                    append(body, end - body.readerIndex());
                }
                return false;
            case BackendMessage.COPY_DONE:
                if (!started) {
                    throw unexpected(type);
                }
                handOver();
                return false;
            case BackendMessage.COMMAND_COMPLETE:
                status = Wire.readCString(body, end);
                return false;
            case BackendMessage.ERROR_RESPONSE:
                if (serverError == null) {
                    serverError = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                }
                return false;
            case BackendMessage.READY_FOR_QUERY:
                ready = true;
                settleIfDone();
                return true;
            default:
                throw unexpected(type);
        }
    }

    /** Copies one CopyData body into the current chunk; a full chunk goes to the sink. */
    private void append(ByteBuf body, int length) {
        if (chunk != null && chunk.remaining() < length) {
            handOver();
        }
        if (chunk == null) {
            chunk = ByteBuffer.allocate(Math.max(CHUNK_BYTES, length));
        }
        body.readBytes(chunk.array(), chunk.arrayOffset() + chunk.position(), length);
        chunk.position(chunk.position() + length);
        if (!chunk.hasRemaining()) {
            handOver();
        }
    }

    private void handOver() {
        if (chunk != null && chunk.position() > 0 && !settled) {
            chunk.flip();
            waiting.add(chunk);
            chunk = null;
            deliver();
        }
    }

    /** Gives waiting chunks to the sink, one at a time; pauses reading while the sink is behind. */
    private void deliver() {
        ByteBuffer next;
        while (!sinkBusy && !settled && (next = waiting.poll()) != null) {
            CompletionStage<?> stage;
            try {
                stage = sink.write(next);
            } catch (RuntimeException e) {
                sinkFailed(e);
                return;
            }
            if (stage instanceof CompletableFuture && ((CompletableFuture<?>) stage).isDone()) {
                Throwable failure = CopyFailures.failureOf((CompletableFuture<?>) stage);
                if (failure != null) {
                    sinkFailed(failure);
                    return;
                }
                continue;
            }
            sinkBusy = true;
            pauseReading();
            stage.whenComplete((ignored, failure) -> channel.eventLoop().execute(() -> written(failure)));
        }
        if (!sinkBusy) {
            resumeReading();
            settleIfDone();
        }
    }

    private void written(Throwable failure) {
        sinkBusy = false;
        if (failure != null) {
            sinkFailed(CopyFailures.unwrap(failure));
        } else {
            deliver();
        }
    }

    private void sinkFailed(Throwable failure) {
        if (settled) {
            return;
        }
        settleFailed(failure);
        future.completeExceptionally(failure);
        if (!ready) {
            abandoned(); // ask the server to stop sending data nobody will read
        }
    }

    /** The call failed (sink, timeout, cancel): drop the data still to come, let reading go on. */
    private void settleFailed(Throwable failure) {
        if (settled) {
            return;
        }
        settled = true;
        waiting.clear();
        chunk = null;
        resumeReading();
        sink.abort(CopyFailures.unwrap(failure));
    }

    private void settleIfDone() {
        if (!ready || sinkBusy || !waiting.isEmpty() || settled) {
            return;
        }
        if (serverError != null) {
            future.completeExceptionally(serverError);
            return;
        }
        settled = true;
        resumeReading();
        CompletionStage<?> finished;
        try {
            finished = sink.finish();
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return;
        }
        String result = status;
        finished.whenComplete((ignored, failure) -> {
            if (failure != null) {
                future.completeExceptionally(CopyFailures.unwrap(failure));
            } else {
                future.complete(result);
            }
        });
    }

    private void pauseReading() {
        if (!paused) {
            paused = true;
            channel.config().setAutoRead(false);
        }
    }

    private void resumeReading() {
        if (paused) {
            paused = false;
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void fail(Throwable cause) {
        super.fail(cause);
        settleFailed(cause);
    }

    @Override
    public String describe() {
        return "copy \"" + ExtendedQueryCommand.abbreviate(sql) + "\"";
    }
}
