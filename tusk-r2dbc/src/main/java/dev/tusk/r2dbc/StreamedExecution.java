package dev.tusk.r2dbc;

import dev.tusk.Connection;
import dev.tusk.PreparedStatement;
import dev.tusk.Record;
import dev.tusk.types.Attribute;
import io.r2dbc.spi.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

/**
 * The segments of a statement whose rows stream through a portal, {@code fetchSize} rows per
 * round trip and only as they are requested (a Tusk cursor; PostgreSQL keeps portals only inside
 * a transaction). The statement is described first ({@code prepare}) to learn its columns; one
 * that returns no rows runs at once instead. The update count, last, is the number of rows read.
 */
final class StreamedExecution {

    private StreamedExecution() {
    }

    /** The segments of {@code sql} run with {@code arguments}, streamed {@code fetchSize} rows at a time. */
    static Publisher<Result.Segment> segments(Connection connection, String sql, Object[] arguments, int fetchSize) {
        Publisher<PreparedStatement> described = FuturePublisher.of(() -> ErrorTranslator.translating(connection.prepare(sql)
                .thenCompose(statement -> statement.close().thenApply(closed -> statement)), sql));
        return new ConcatMapPublisher<PreparedStatement, Result.Segment>(described, statement -> {
            if (statement.getAttributes().isEmpty()) {
                return TuskResult.segmentsOf(connection.fetchResult(sql, arguments), sql);
            }
            return rows(connection, sql, arguments, fetchSize, statement.getAttributes());
        });
    }

    private static Publisher<Result.Segment> rows(Connection connection, String sql, Object[] arguments, int fetchSize,
            List<Attribute> attributes) {
        AtomicLong read = new AtomicLong();
        FirstRowMetadata metadata = new FirstRowMetadata(attributes);
        Publisher<Result.Segment> rows = new MappingPublisher<Record, Result.Segment>(
                FlowAdapters.toPublisher(connection.cursor(sql, arguments).prefetch(fetchSize)),
                record -> {
                    read.incrementAndGet();
                    return new TuskRow(record, metadata.of(record));
                },
                failure -> ErrorTranslator.translate(failure, sql));
        Publisher<Result.Segment> count = FuturePublisher.of(
                () -> CompletableFuture.completedFuture(new UpdateCountSegment(read.get())));
        Publisher<Publisher<Result.Segment>> parts = FuturePublisher.ofList(
                () -> CompletableFuture.completedFuture(List.of(rows, count)));
        return new ConcatMapPublisher<Publisher<Result.Segment>, Result.Segment>(parts, part -> part);
    }

    /**
     * The metadata of a streamed result: names and types as described; the Java type of each
     * column is that of its value in the first row (Tusk's default for the type), or
     * {@code Object} when that value is NULL.
     */
    private static final class FirstRowMetadata {
        private final List<Attribute> attributes;
        private TuskRowMetadata metadata;

        FirstRowMetadata(List<Attribute> attributes) {
            this.attributes = attributes;
        }

        /** Called on the cursor's serialized signals, so without locking. */
        TuskRowMetadata of(Record first) {
            if (metadata == null) {
                List<TuskColumnMetadata> columns = new ArrayList<>(attributes.size());
                for (int i = 0; i < attributes.size(); i++) {
                    Attribute attribute = attributes.get(i);
                    Object value = i < first.size() ? first.get(i) : null;
                    columns.add(new TuskColumnMetadata(attribute.name(), attribute.type().oid(), attribute.type().name(),
                            javaTypeOf(value), value instanceof List ? leafTypeOf((List<?>) value) : null));
                }
                metadata = new TuskRowMetadata(columns);
            }
            return metadata;
        }

        /** The class of the first non-null element, looking into nested lists; null when there is none. */
        private static Class<?> leafTypeOf(List<?> list) {
            for (Object element : list) {
                Class<?> found = element instanceof List ? leafTypeOf((List<?>) element) : element == null ? null : javaTypeOf(element);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        private static Class<?> javaTypeOf(Object value) {
            if (value == null) {
                return Object.class;
            }
            if (value instanceof List) {
                return List.class;
            }
            if (value instanceof Record) {
                return Record.class;
            }
            return value.getClass();
        }
    }
}
