package dev.tusk.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;

/**
 * Cuts the byte stream into backend messages and hands each to a {@link MessageSink} in place.
 * Every length is checked (at least 4, at most the bound for its type) before a byte of the body
 * is awaited, so a hostile length allocates nothing.
 *
 * <p>Messages are read where they lie in each buffer the socket delivers; only a message cut by
 * the end of a read is copied, into a buffer of its own that the next read completes. (Netty's
 * {@code ByteToMessageDecoder} instead appends the whole next read to the cut message's bytes,
 * which on a large result copies nearly every byte a second time.)
 */
public final class FrameDecoder extends ChannelInboundHandlerAdapter {

    /** libpq's bound for the message types that have no reason to be long. */
    public static final int MAX_SHORT_MESSAGE = 30_000;

    /** A partial message's buffer larger than this is let go once its message is delivered. */
    private static final int KEPT_PARTIAL_CAPACITY = 64 * 1024;

    private static final int HEADER = 5;

    private final MessageSink sink;
    private final int maxMessageSize;
    /** The start of a message cut by the end of the last read, or null/empty for none. */
    private ByteBuf partial;
    private boolean failed;

    public FrameDecoder(MessageSink sink, int maxMessageSize) {
        this.sink = sink;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        try {
            if (failed) {
                return; // the stream is out of step: nothing after a bad frame can be trusted
            }
            if (partial != null && partial.isReadable()) {
                if (!completePartial(in)) {
                    return;
                }
                decode(ctx, partial);
                releaseOrClearPartial();
                if (ctx.isRemoved()) {
                    return;
                }
            }
            decode(ctx, in);
            if (in.isReadable() && !failed && !ctx.isRemoved()) {
                keepPartial(ctx, in);
            }
        } catch (DecoderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DecoderException(e); // as Netty's decoders report a failure to the handlers after them
        } finally {
            in.release();
        }
    }

    /** Decodes the whole messages at the start of {@code in}, leaving a cut one unread. */
    private void decode(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.readableBytes() >= HEADER) {
            int start = in.readerIndex();
            byte type = in.getByte(start);
            int length = in.getInt(start + 1);
            checkLength(type, length);
            if (in.readableBytes() < length + 1) {
                return;
            }
            int bodyStart = start + HEADER;
            int bodyLength = length - 4;
            in.readerIndex(bodyStart);
            try {
                sink.onMessage(type, in, bodyLength);
            } catch (RuntimeException e) {
                fail(in);
                throw e;
            }
            in.readerIndex(bodyStart + bodyLength);
            if (ctx.isRemoved()) {
                return;
            }
        }
    }

    /**
     * Moves bytes of {@code in} into the cut message until it is whole; false when {@code in} ran
     * out first (everything of it is then in the partial buffer).
     */
    private boolean completePartial(ByteBuf in) {
        if (partial.readableBytes() < HEADER) {
            partial.writeBytes(in, Math.min(HEADER - partial.readableBytes(), in.readableBytes()));
            if (partial.readableBytes() < HEADER) {
                return false;
            }
        }
        int length = partial.getInt(partial.readerIndex() + 1);
        checkLength(partial.getByte(partial.readerIndex()), length);
        int missing = length + 1 - partial.readableBytes();
        partial.writeBytes(in, Math.min(missing, in.readableBytes()));
        return partial.readableBytes() == length + 1;
    }

    /**
     * Copies the cut message at the end of {@code in} into the partial buffer, which grows with the
     * bytes that arrive, never to the announced length ahead of them (a hostile length allocates
     * nothing).
     */
    private void keepPartial(ChannelHandlerContext ctx, ByteBuf in) {
        if (partial == null) {
            partial = ctx.alloc().heapBuffer(Math.max(in.readableBytes(), 256));
        }
        partial.writeBytes(in);
    }

    private void releaseOrClearPartial() {
        if (partial.capacity() > KEPT_PARTIAL_CAPACITY) {
            partial.release();
            partial = null;
        } else {
            partial.clear();
        }
    }

    private void checkLength(byte type, int length) {
        int bound = BackendMessage.mayBeLong(type) ? maxMessageSize : MAX_SHORT_MESSAGE;
        if (length < 4 || length - 4 > bound) {
            failed = true;
            throw new MalformedMessageException(BackendMessage.name(type) + " length: " + length
                    + " (expected: 4 to " + (bound + 4L) + ")");
        }
    }

    private void fail(ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releasePartial();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePartial();
    }

    private void releasePartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }
}
