package dev.tusk.internal.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Ends the pipeline while a TLS handshake runs: a failed handshake is reported through the
 * handshake's future (as a connect failure naming the server), so the same failure arriving as a
 * pipeline exception needs no further handling, and Netty does not log it as unhandled. Removed
 * once the handshake has succeeded.
 */
@ChannelHandler.Sharable
public final class HandshakeFailureSink extends ChannelInboundHandlerAdapter {

    /** The one instance; it holds no state. */
    public static final HandshakeFailureSink INSTANCE = new HandshakeFailureSink();

    private HandshakeFailureSink() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
