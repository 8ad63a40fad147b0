package dev.tusk.bench.jmh;

import dev.tusk.Record;
import dev.tusk.internal.protocol.RowDescription;
import dev.tusk.internal.row.DataRecord;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A DataRow of ten mixed columns becoming a {@link Record} ({@code DataRecord.read}: one copy
 * out of the buffer and the offsets), alone and followed by reading every value with its typed
 * getter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RowDecodeBenchmark {

    private RowDescription columns;
    private ByteBuf body;
    private int end;
    private DataRecord previous;

    @Setup
    public void setUp() {
        columns = MixedColumns.rowDescription();
        body = PooledByteBufAllocator.DEFAULT.directBuffer(256);
        MixedColumns.writeDataRowBody(body);
        end = body.writerIndex();
    }

    @TearDown
    public void tearDown() {
        body.release();
    }

    /** {@code DataRecord.read} only. */
    @Benchmark
    public Record decode() {
        body.readerIndex(0);
        return DataRecord.read(columns, body, end);
    }

    /** {@code DataRecord.read} of a row after one like it, whose column offsets it shares. */
    @Benchmark
    public Record decodeAfterLikeRow() {
        body.readerIndex(0);
        previous = DataRecord.read(columns, body, end, previous);
        return previous;
    }

    /** {@code DataRecord.read} and every value read with the getter of its type. */
    @Benchmark
    public void decodeAndRead(Blackhole bh) {
        body.readerIndex(0);
        Record row = DataRecord.read(columns, body, end);
        bh.consume(row.getInt(0));
        bh.consume(row.getLong(1));
        bh.consume(row.getDouble(2));
        bh.consume(row.getString(3));
        bh.consume(row.get(4));
        bh.consume(row.getBoolean(5));
        bh.consume(row.getInt(6));
        bh.consume(row.getBigDecimal(7));
        bh.consume(row.get(8));
        bh.consume(row.get(9));
    }

    /** {@code DataRecord.read} and every value read with {@code get(int)} (boxed). */
    @Benchmark
    public void decodeAndGetObjects(Blackhole bh) {
        body.readerIndex(0);
        Record row = DataRecord.read(columns, body, end);
        for (int i = 0; i < 10; i++) {
            bh.consume(row.get(i));
        }
    }
}
