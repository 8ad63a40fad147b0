package dev.tusk.internal.connection;

import dev.tusk.internal.protocol.FrontendMessages;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a CancelRequest on a new connection to the server that runs a backend, as the protocol
 * requires. The attempt is bounded: a server that does not answer cannot hold it open.
 */
final class CancelRequester {

    private static final System.Logger LOG = System.getLogger("dev.tusk.cancel");
    private static final int TIMEOUT_MILLIS = 10_000;

    private CancelRequester() {
    }

    static CompletableFuture<Void> send(SocketAddress server, int processId, byte[] secretKey) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean tcp = server instanceof InetSocketAddress;
        Bootstrap bootstrap = new Bootstrap()
                .group(Transports.group())
                .channel(tcp ? Transports.socketChannel() : Transports.domainSocketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        // the request is written once connected; the server answers by closing. A
                        // reset (the network failing) only ends the attempt: it must not reach the
                        // end of the pipeline, where Netty would log it as unhandled.
                        channel.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
                            @Override
                            public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
                                LOG.log(System.Logger.Level.DEBUG, () -> "cancel request for backend " + processId
                                        + " ended by " + cause);
                                ctx.close();
                            }
                        });
                    }
                });
        bootstrap.connect(server).addListener((ChannelFutureListener) connected -> {
            if (!connected.isSuccess()) {
                LOG.log(System.Logger.Level.DEBUG, "cancel request for backend " + processId + " not sent: "
                        + connected.cause());
                done.completeExceptionally(connected.cause());
                return;
            }
            Channel channel = connected.channel();
            ByteBuf request = channel.alloc().buffer(16);
            FrontendMessages.cancelRequest(request, processId, secretKey);
            channel.writeAndFlush(request);
            // the server closes the socket once it has read the request; close it ourselves if it doesn't
            io.netty.util.concurrent.ScheduledFuture<?> deadline =
                    channel.eventLoop().schedule(() -> channel.close(), TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(closed -> {
                deadline.cancel(false);
                done.complete(null);
            });
        });
        return done;
    }
}
