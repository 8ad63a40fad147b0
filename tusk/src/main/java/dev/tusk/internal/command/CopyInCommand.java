package dev.tusk.internal.command;

import dev.tusk.CopySource;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.copy.CopyFailures;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * A COPY ... FROM STDIN through a simple Query: the server answers CopyInResponse, Tusk streams
 * CopyData messages from a {@link CopySource} and ends with CopyDone (or CopyFail when the source
 * fails), the server answers CommandComplete or ErrorResponse, then ReadyForQuery.
 *
 * <p>While the COPY is open every later command is held back, as its messages would be taken
 * for copy data. The next chunk is asked for only after the previous one was written and the
 * socket can take more, so a slow server never makes the heap grow.
 */
public final class CopyInCommand extends Command<String> implements StreamingWriter {

    /** CopyData messages carry at most this much, so that no single message is huge. */
    private static final int MAX_MESSAGE_DATA = 1024 * 1024;

    private enum Phase { AWAITING_RESPONSE, STREAMING, ENDED }

    private final String sql;
    private final CopySource source;
    private final EventLoop loop;
    private CommandContext context;
    private Phase phase = Phase.AWAITING_RESPONSE;
    private ByteBuffer ready;
    private boolean requested;
    private boolean sourceEnded;
    private boolean sourceClosed;
    private boolean writesReleased;
    private Throwable sourceError;
    private RuntimeException serverError;
    private String status;

    public CopyInCommand(String sql, CopySource source, EventLoop loop) {
        this.sql = sql;
        this.source = source;
        this.loop = loop;
    }

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        this.context = context;
        FrontendMessages.query(out, sql);
        future.whenComplete((result, failure) -> {
            if (failure != null) {
                loop.execute(() -> callerGaveUp(failure));
            }
        });
        return false;
    }

    @Override
    public boolean handle(byte type, ByteBuf body, int end, CommandContext context) {
        switch (type) {
            case BackendMessage.COPY_IN_RESPONSE:
                if (phase != Phase.AWAITING_RESPONSE) {
                    throw unexpected(type);
                }
                phase = Phase.STREAMING;
                if (future.isDone()) {
                    Throwable failure = CopyFailures.failureOf(future);
                    callerGaveUp(failure != null ? failure : new java.util.concurrent.CancellationException());
                } else {
                    request();
                }
                return false;
            case BackendMessage.COMMAND_COMPLETE:
                status = Wire.readCString(body, end);
                return false;
            case BackendMessage.ERROR_RESPONSE:
                if (serverError == null) {
                    serverError = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                }
                // the server drops any copy data still on its way and answers ReadyForQuery
                stop();
                return false;
            case BackendMessage.READY_FOR_QUERY:
                if (phase == Phase.STREAMING) {
                    throw unexpected(type);
                }
                stop();
                complete();
                return true;
            default:
                throw unexpected(type);
        }
    }

    @Override
    public boolean writeMore(CommandContext context) {
        if (phase != Phase.STREAMING) {
            return !writesReleased;
        }
        ByteBuf out = context.outBuffer();
        if (ready != null) {
            writeCopyData(out, ready);
            ready = null;
            context.flushSoon();
            request();
            return true;
        }
        if (sourceError != null) {
            int lengthIndex = Wire.beginMessage(out, (byte) 'f');
            Wire.writeCString(out, CopyFailures.copyFailMessage(sourceError));
            Wire.endMessage(out, lengthIndex);
        } else if (sourceEnded) {
            out.writeByte('c');
            out.writeInt(4);
        } else {
            return true;
        }
        context.flushSoon();
        phase = Phase.ENDED;
        closeSource();
        writesReleased = true; // the connection resumes writes when this returns false
        return false;
    }

    private static void writeCopyData(ByteBuf out, ByteBuffer chunk) {
        ByteBuffer data = chunk.duplicate();
        int limit = data.limit();
        while (data.hasRemaining()) {
            int size = Math.min(data.remaining(), MAX_MESSAGE_DATA);
            out.writeByte('d');
            out.writeInt(4 + size);
            data.limit(data.position() + size);
            out.writeBytes(data);
            data.limit(limit);
        }
    }

    /** Asks the source for the next chunk; the answer comes back on the event loop. */
    private void request() {
        if (requested || sourceEnded || sourceError != null) {
            return;
        }
        requested = true;
        CompletionStage<ByteBuffer> next;
        try {
            next = source.read();
        } catch (RuntimeException e) {
            arrived(null, e);
            return;
        }
        next.whenComplete((chunk, failure) -> loop.execute(() -> arrived(chunk, failure)));
    }

    private void arrived(ByteBuffer chunk, Throwable failure) {
        requested = false;
        if (phase != Phase.STREAMING) {
            return;
        }
        if (failure != null) {
            sourceError = CopyFailures.unwrap(failure);
        } else if (chunk == null) {
            sourceEnded = true;
        } else if (!chunk.hasRemaining()) {
            request();
            return;
        } else {
            ready = chunk;
        }
        // an empty batch still flushes, and a flush gives this command its next writeMore turn
        context.outBuffer();
        context.flushSoon();
    }

    /** The caller cancelled or timed out: end the COPY with CopyFail so the server rolls it back. */
    private void callerGaveUp(Throwable failure) {
        if (phase == Phase.STREAMING && sourceError == null) {
            sourceError = CopyFailures.unwrap(failure);
            ready = null;
            context.outBuffer();
            context.flushSoon();
        }
    }

    /** No more copy data: close the source and let later commands be written. */
    private void stop() {
        phase = Phase.ENDED;
        ready = null;
        closeSource();
        if (!writesReleased) {
            writesReleased = true;
            context.resumeWrites();
        }
    }

    private void closeSource() {
        if (sourceClosed) {
            return;
        }
        sourceClosed = true;
        try {
            source.close();
        } catch (RuntimeException e) {
            if (sourceError == null) {
                sourceError = e;
            } else {
                sourceError.addSuppressed(e);
            }
        }
    }

    private void complete() {
        if (sourceError != null) {
            if (serverError != null) {
                sourceError.addSuppressed(serverError);
            }
            future.completeExceptionally(sourceError);
        } else if (serverError != null) {
            future.completeExceptionally(serverError);
        } else {
            future.complete(status);
        }
    }

    @Override
    public void fail(Throwable cause) {
        phase = Phase.ENDED;
        ready = null;
        writesReleased = true;
        closeSource();
        super.fail(cause);
    }

    @Override
    public String describe() {
        return "copy \"" + ExtendedQueryCommand.abbreviate(sql) + "\"";
    }
}
