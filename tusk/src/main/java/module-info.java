/**
 * Tusk: an asynchronous PostgreSQL driver modelled on asyncpg. The public API lives in
 * {@code dev.tusk} and {@code dev.tusk.exceptions}; everything under {@code dev.tusk.internal}
 * is implementation and may change without notice.
 */
module dev.tusk {
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.handler;
    requires jdk.net;
    requires static io.netty.transport.classes.epoll;
    requires static io.netty.transport.unix.common;

    exports dev.tusk;
    exports dev.tusk.exceptions;
    exports dev.tusk.types;
    exports dev.tusk.codec;
}
