package dev.tusk.internal.protocol;

import io.netty.buffer.ByteBuf;

/** Receives each complete backend message, in place, without an object per message. */
public interface MessageSink {

    /**
     * Handles one message. The body lies in {@code body} from its reader index for
     * {@code length} bytes; the sink may read it (within those bounds) but must not retain the
     * buffer. Whatever the sink leaves unread is skipped.
     */
    void onMessage(byte type, ByteBuf body, int length);
}
