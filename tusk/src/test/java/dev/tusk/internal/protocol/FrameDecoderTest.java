package dev.tusk.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private final List<String> seen = new ArrayList<>();
    private final MessageSink sink = (type, body, length) -> {
        byte[] bytes = new byte[length];
        body.readBytes(bytes);
        seen.add((char) type + ":" + ByteBufUtil.hexDump(bytes));
    };

    private static byte[] stream() {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeByte('S').writeInt(4 + 4).writeBytes(new byte[] {'a', 0, 'b', 0});
            buf.writeByte('Z').writeInt(5).writeByte('I');
            buf.writeByte('D').writeInt(4 + 2 + 4 + 3).writeShort(1).writeInt(3).writeBytes(new byte[] {1, 2, 3});
            buf.writeByte('n').writeInt(4);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void decodesEveryMessageOfAStreamInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(sink, 1 << 20));
        channel.writeInbound(Unpooled.wrappedBuffer(stream()));
        assertThat(seen).containsExactly("S:61006200", "Z:49", "D:00010000000301020 3".replace(" ", ""), "n:");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void decodesTheSameWhenFedOneByteAtATime() {
        EmbeddedChannel whole = new EmbeddedChannel(new FrameDecoder(sink, 1 << 20));
        whole.writeInbound(Unpooled.wrappedBuffer(stream()));
        List<String> expected = new ArrayList<>(seen);
        seen.clear();

        EmbeddedChannel bytewise = new EmbeddedChannel(new FrameDecoder(sink, 1 << 20));
        for (byte b : stream()) {
            bytewise.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(whole.finish()).isFalse();
        assertThat(bytewise.finish()).isFalse();
    }

    @Test
    void decodesTheSameWhateverTheReadBoundariesWithMessagesLargerThanAnyRead() {
        ByteBuf buf = Unpooled.buffer();
        for (int i = 0; i < 200; i++) {
            int size = i % 50 == 7 ? 100_000 + i : 10 + i % 90; // now and then a message spanning many reads
            buf.writeByte('D').writeInt(4 + size);
            for (int j = 0; j < size; j++) {
                buf.writeByte(i + j);
            }
        }
        buf.writeByte('Z').writeInt(5).writeByte('I');
        byte[] stream = ByteBufUtil.getBytes(buf);
        buf.release();
        EmbeddedChannel whole = new EmbeddedChannel(new FrameDecoder(sink, 1 << 20));
        whole.writeInbound(Unpooled.wrappedBuffer(stream));
        List<String> expected = new ArrayList<>(seen);
        assertThat(expected).hasSize(201);

        java.util.Random random = new java.util.Random(42);
        for (int run = 0; run < 20; run++) {
            seen.clear();
            EmbeddedChannel cut = new EmbeddedChannel(new FrameDecoder(sink, 1 << 20));
            for (int at = 0; at < stream.length; ) {
                int read = 1 + random.nextInt(run % 4 == 0 ? 64 : 20_000); // small reads, and reads like a socket's
                int end = Math.min(stream.length, at + read);
                ByteBuf chunk = Unpooled.directBuffer(end - at).writeBytes(stream, at, end - at);
                cut.writeInbound(chunk);
                assertThat(chunk.refCnt()).as("each read is released once decoded").isZero();
                at = end;
            }
            assertThat(seen).as("run %d", run).isEqualTo(expected);
            assertThat(cut.finish()).isFalse();
        }
        assertThat(whole.finish()).isFalse();
    }

    @Test
    void refusesALengthBelowFour() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(sink, 1 << 20));
        ByteBuf frame = Unpooled.buffer().writeByte('Z').writeInt(3);
        assertThatThrownBy(() -> channel.writeInbound(frame))
                .isInstanceOf(DecoderException.class)
                .hasRootCauseInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("ReadyForQuery length: 3 (expected: 4 to 30004)");
        channel.finishAndReleaseAll();
    }

    @Test
    void refusesAnOversizedShortMessageBeforeItsBodyArrives() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(sink, 1 << 20));
        ByteBuf header = Unpooled.buffer().writeByte('Z').writeInt(1_000_000);
        assertThatThrownBy(() -> channel.writeInbound(header))
                .hasRootCauseInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("ReadyForQuery length: 1000000");
        assertThat(seen).isEmpty();
        channel.finishAndReleaseAll();
    }

    @Test
    void refusesADataRowLongerThanTheConfiguredBound() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(sink, 1024));
        ByteBuf header = Unpooled.buffer().writeByte('D').writeInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> channel.writeInbound(header))
                .hasRootCauseInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("DataRow length: 2147483647 (expected: 4 to 1028)");
        channel.finishAndReleaseAll();
    }

    @Test
    void refusesANegativeLength() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(sink, 1024));
        ByteBuf header = Unpooled.buffer().writeByte('D').writeInt(-5);
        assertThatThrownBy(() -> channel.writeInbound(header))
                .hasRootCauseInstanceOf(MalformedMessageException.class);
        channel.finishAndReleaseAll();
    }
}
