package dev.tusk.r2dbc;

import dev.tusk.Connection;
import dev.tusk.PreparedStatement;
import dev.tusk.Record;
import io.r2dbc.spi.Result;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

/**
 * The segments of a statement whose rows stream through a portal, {@code fetchSize} rows per
 * round trip and only as they are requested (a Tusk cursor; PostgreSQL keeps portals only inside
 * a transaction). The statement is described first ({@code prepare}) to learn whether it returns
 * rows; one that returns none runs at once instead. The update count, last, is the number of rows
 * read.
 */
final class PortalSegments {

    private PortalSegments() {
    }

    /** The segments of {@code sql} run with {@code arguments}, streamed {@code fetchSize} rows at a time. */
    static Publisher<Result.Segment> segments(Connection connection, String sql, Object[] arguments, int fetchSize) {
        Publisher<PreparedStatement> described = FuturePublisher.of(() -> ErrorTranslator.translating(connection.prepare(sql)
                .thenCompose(statement -> statement.close().thenApply(closed -> statement)), sql));
        return new ConcatMapPublisher<PreparedStatement, Result.Segment>(described, statement -> {
            if (statement.getAttributes().isEmpty()) {
                return TuskResult.segmentsOf(connection.fetchResult(sql, arguments), sql);
            }
            return rows(connection, sql, arguments, fetchSize);
        });
    }

    private static Publisher<Result.Segment> rows(Connection connection, String sql, Object[] arguments, int fetchSize) {
        AtomicLong read = new AtomicLong();
        RowMetadataCache metadata = new RowMetadataCache();
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
}
