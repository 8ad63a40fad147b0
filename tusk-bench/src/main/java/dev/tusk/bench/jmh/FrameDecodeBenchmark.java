package dev.tusk.bench.jmh;

import dev.tusk.internal.protocol.FrameDecoder;
import dev.tusk.internal.protocol.MessageSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Message framing: {@link FrameDecoder} cutting a buffer of {@value #ROWS} DataRow messages (the
 * ten mixed columns) into messages for a sink that only counts them. Reported per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FrameDecodeBenchmark {

    static final int ROWS = 1000;

    private EmbeddedChannel channel;
    private ByteBuf rows;
    private CountingSink sink;

    /** Counts messages and the bytes of their bodies. */
    static final class CountingSink implements MessageSink {
        long messages;
        long bytes;

        @Override
        public void onMessage(byte type, ByteBuf body, int length) {
            messages++;
            bytes += length;
        }
    }

    @Setup
    public void setUp() {
        sink = new CountingSink();
        channel = new EmbeddedChannel(new FrameDecoder(sink, 1 << 30));
        rows = PooledByteBufAllocator.DEFAULT.directBuffer(ROWS * 128);
        for (int i = 0; i < ROWS; i++) {
            MixedColumns.writeDataRow(rows);
        }
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
        rows.release();
    }

    /** Feeds the whole buffer to the pipeline once. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long frame() {
        channel.writeInbound(rows.retainedDuplicate());
        return sink.messages;
    }
}
