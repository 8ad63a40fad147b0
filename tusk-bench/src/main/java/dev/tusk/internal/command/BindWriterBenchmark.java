package dev.tusk.internal.command;

import dev.tusk.bench.jmh.MixedColumns;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ten mixed parameters encoded into a Bind message by {@link BindWriter} (package-private, hence
 * this package; the bench runs on the class path, so the split package is allowed), into a
 * reused pooled direct buffer as the connection's outgoing buffer is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BindWriterBenchmark {

    private PreparedStatementState statement;
    private Object[] arguments;
    private ByteBuf out;

    @Setup
    public void setUp() {
        statement = new PreparedStatementState("__tusk_1", "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10",
                MixedColumns.OIDS.clone(), MixedColumns.codecs(), MixedColumns.rowDescription(), 0);
        arguments = MixedColumns.values();
        out = PooledByteBufAllocator.DEFAULT.directBuffer(512);
    }

    @TearDown
    public void tearDown() {
        out.release();
    }

    /** One Bind message of ten parameters. */
    @Benchmark
    public int bind() {
        out.clear();
        BindWriter.write(out, "", statement, arguments);
        return out.writerIndex();
    }
}
