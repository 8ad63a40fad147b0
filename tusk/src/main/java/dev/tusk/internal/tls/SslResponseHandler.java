package dev.tusk.internal.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the server's one-byte answer to SSLRequest: 'S' (go on with TLS) or 'N' (no TLS).
 * Bytes after the answer are refused: they would have been sent before the handshake, unprotected
 * (CVE-2021-23222).
 */
public final class SslResponseHandler extends ChannelInboundHandlerAdapter {

    private final CompletableFuture<Boolean> accepted = new CompletableFuture<>();

    /** Completes with true for 'S', false for 'N', exceptionally for anything else. */
    public CompletableFuture<Boolean> accepted() {
        return accepted;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (!in.isReadable()) {
                return;
            }
            byte answer = in.readByte();
            if (in.isReadable()) {
                accepted.completeExceptionally(new TlsNegotiationException(
                        "the server sent unencrypted data after its answer to SSLRequest"));
                ctx.close();
                return;
            }
            ctx.pipeline().remove(this);
            if (answer == 'S') {
                accepted.complete(true);
            } else if (answer == 'N') {
                accepted.complete(false);
            } else {
                accepted.completeExceptionally(new TlsNegotiationException(
                        "the server answered SSLRequest with byte 0x" + Integer.toHexString(answer & 0xff)
                                + " (expected 'S' or 'N')"));
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(in);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        accepted.completeExceptionally(new TlsNegotiationException("the server closed the connection during SSLRequest"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        accepted.completeExceptionally(cause);
        ctx.close();
    }

    /** The SSLRequest exchange failed. */
    public static final class TlsNegotiationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TlsNegotiationException(String message) {
            super(message);
        }
    }
}
