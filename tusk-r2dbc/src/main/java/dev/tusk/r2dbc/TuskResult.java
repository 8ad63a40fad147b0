package dev.tusk.r2dbc;

import dev.tusk.QueryResult;
import dev.tusk.Record;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;

/**
 * The outcome of one statement: its rows, then its update count, or an error message segment
 * when it failed. It can be consumed once, by {@link #getRowsUpdated()}, {@link #map(BiFunction)}
 * or {@link #flatMap(Function)}; {@link #filter(Predicate)} gives a narrower result to consume
 * instead. An error segment fails {@code map} and {@code getRowsUpdated} with its exception and is
 * handed to {@code flatMap}'s function like any other segment.
 */
final class TuskResult implements Result {

    private final Publisher<Segment> segments;
    private final AtomicBoolean consumed = new AtomicBoolean();

    TuskResult(Publisher<Segment> segments) {
        this.segments = segments;
    }

    /** The segments of a statement run at once: its rows and update count, or its error message. */
    static Publisher<Segment> segmentsOf(CompletableFuture<QueryResult> execution, String sql) {
        return FuturePublisher.ofList(() -> execution.handle((result, failure) -> {
            if (failure == null) {
                return segmentsOf(result);
            }
            Throwable translated = ErrorTranslator.translate(failure, sql);
            if (translated instanceof R2dbcException) {
                return List.<Segment>of(new ErrorMessage((R2dbcException) translated));
            }
            throw new java.util.concurrent.CompletionException(translated);
        }));
    }

    private static List<Segment> segmentsOf(QueryResult result) {
        List<Record> rows = result.rows();
        List<Segment> segments = new ArrayList<>(rows.size() + 1);
        if (!rows.isEmpty()) {
            TuskRowMetadata metadata = TuskRowMetadata.of(result.columns());
            for (Record row : rows) {
                segments.add(new TuskRow(row, metadata));
            }
        }
        OptionalLong count = result.rowCount();
        if (count.isPresent()) {
            segments.add(new UpdateCountSegment(count.getAsLong()));
        }
        return segments;
    }

    private void consume() {
        if (!consumed.compareAndSet(false, true)) {
            throw new IllegalStateException("this Result was already consumed; a Result can be consumed once");
        }
    }

    /** The statement's row count (inserted, updated, deleted, or selected rows); none for a statement without one. */
    @Override
    public Publisher<Long> getRowsUpdated() {
        consume();
        return new MappingPublisher<Segment, Long>(segments, segment -> {
            if (segment instanceof UpdateCount) {
                return ((UpdateCount) segment).value();
            }
            return errorOf(segment);
        });
    }

    /** Each row mapped by {@code mappingFunction}, which must not return null. */
    @Override
    public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mappingFunction) {
        if (mappingFunction == null) {
            throw new IllegalArgumentException("mappingFunction must not be null");
        }
        consume();
        return new MappingPublisher<Segment, T>(segments, segment -> {
            if (segment instanceof RowSegment) {
                Row row = ((RowSegment) segment).row();
                T value = mappingFunction.apply(row, row.getMetadata());
                if (value == null) {
                    throw new NullPointerException("the mapping function returned null for " + row);
                }
                return value;
            }
            return errorOf(segment);
        });
    }

    /** Each row mapped by {@code mappingFunction}, which must not return null. */
    @Override
    public <T> Publisher<T> map(Function<? super Readable, ? extends T> mappingFunction) {
        if (mappingFunction == null) {
            throw new IllegalArgumentException("mappingFunction must not be null");
        }
        return map((row, metadata) -> mappingFunction.apply(row));
    }

    /** A view of this result with only the segments {@code filter} accepts. */
    @Override
    public Result filter(Predicate<Segment> filter) {
        if (filter == null) {
            throw new IllegalArgumentException("filter must not be null");
        }
        consume();
        return new TuskResult(new MappingPublisher<Segment, Segment>(segments, segment -> filter.test(segment) ? segment : null));
    }

    /** The publishers {@code mappingFunction} returns for each segment, concatenated in order. */
    @Override
    public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mappingFunction) {
        if (mappingFunction == null) {
            throw new IllegalArgumentException("mappingFunction must not be null");
        }
        consume();
        return new ConcatMapPublisher<Segment, T>(segments, mappingFunction);
    }

    /** Null for a segment to skip; the exception of an error segment. */
    private static <T> T errorOf(Segment segment) {
        if (segment instanceof Message) {
            throw ((Message) segment).exception();
        }
        return null;
    }

    @Override
    public String toString() {
        return "Result" + (consumed.get() ? "[consumed]" : "");
    }
}
