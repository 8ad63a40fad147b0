package dev.tusk.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the byte stream into backend messages and hands each to a {@link MessageSink} in place.
 * Every length is checked (at least 4, at most the bound for its type) before a byte of the body
 * is awaited, so a hostile length allocates nothing.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    /** libpq's bound for the message types that have no reason to be long. */
    public static final int MAX_SHORT_MESSAGE = 30_000;

    private final MessageSink sink;
    private final int maxMessageSize;
    private boolean failed;

    public FrameDecoder(MessageSink sink, int maxMessageSize) {
        this.sink = sink;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            // the stream is out of step: nothing after a bad frame can be trusted
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 5) {
            int start = in.readerIndex();
            byte type = in.getByte(start);
            int length = in.getInt(start + 1);
            try {
                checkLength(type, length);
            } catch (MalformedMessageException e) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw e;
            }
            if (in.readableBytes() < length + 1) {
                return;
            }
            int bodyStart = start + 5;
            int bodyLength = length - 4;
            in.readerIndex(bodyStart);
            try {
                sink.onMessage(type, in, bodyLength);
            } catch (RuntimeException e) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw e;
            }
            in.readerIndex(bodyStart + bodyLength);
            if (ctx.isRemoved()) {
                return;
            }
        }
    }

    /**
     * While reads are paused for back-pressure (autoRead off: a COPY consumer is behind), the base
     * class would ask for more bytes at the end of every read because this decoder passes no
     * message down the pipeline; asking only when reads are on keeps a paused connection paused.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().config().isAutoRead()) {
            super.channelReadComplete(ctx);
        } else {
            discardSomeReadBytes();
            ctx.fireChannelReadComplete();
        }
    }

    private void checkLength(byte type, int length) {
        int bound = BackendMessage.mayBeLong(type) ? maxMessageSize : MAX_SHORT_MESSAGE;
        if (length < 4 || length - 4 > bound) {
            throw new MalformedMessageException(BackendMessage.name(type) + " length: " + length
                    + " (expected: 4 to " + (bound + 4L) + ")");
        }
    }
}
