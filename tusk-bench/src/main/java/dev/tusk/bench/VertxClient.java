package dev.tusk.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * vertx-pg-client: one {@link PgConnection} per connection, no pool (a Vert.x pool hands each
 * query to one connection and so cannot pipeline), prepared statements cached
 * ({@code cachePreparedStatements}, off by default, on in every published Vert.x benchmark),
 * native transport preferred as Tusk's is. Several calls in flight on a connection pipeline (its
 * default pipelining limit is 256). Batch inserts use {@code executeBatch}.
 */
final class VertxClient implements AsyncClient {

    private final Vertx vertx;
    private final PgConnection[] connections;
    private final Workload workload;
    private final List<Tuple> batch;
    /** Keeps what was read from rows reachable, so that the JIT cannot drop the reading. */
    private int sink;

    private VertxClient(Vertx vertx, PgConnection[] connections, Workload workload) {
        this.vertx = vertx;
        this.connections = connections;
        this.workload = workload;
        this.batch = workload == Workload.BATCH ? batchTuples() : List.of();
    }

    static VertxClient open(Target target, Workload workload, int count) {
        if (workload == Workload.BULK) {
            throw new UnsupportedOperationException("vertx-pg-client has no COPY API");
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        PgConnectOptions options = new PgConnectOptions()
                .setHost(target.host())
                .setPort(target.port())
                .setUser(target.user())
                .setDatabase(target.database())
                // PgConnection.connect takes no SSL engine option: the JDK's engine in both TLS modes.
                .setSslMode(target.tls().on() ? SslMode.REQUIRE : SslMode.DISABLE)
                .setSslOptions(new ClientSSLOptions().setTrustAll(target.tls().on()))
                .setCachePreparedStatements(true);
        PgConnection[] connections = new PgConnection[count];
        for (int i = 0; i < count; i++) {
            connections[i] = PgConnection.connect(vertx, options).toCompletionStage().toCompletableFuture().join();
        }
        return new VertxClient(vertx, connections, workload);
    }

    private static List<Tuple> batchTuples() {
        List<Tuple> tuples = new ArrayList<>(Workload.BATCH_ROWS);
        for (int i = 0; i < Workload.BATCH_ROWS; i++) {
            tuples.add(Tuple.of(RowValues.a(i), RowValues.b(i), RowValues.c(i), RowValues.d(i), RowValues.e(i)));
        }
        return tuples;
    }

    @Override
    public String variant() {
        return workload == Workload.BATCH ? "executeBatch" : "";
    }

    @Override
    public void start(int connection, Done done) {
        PgConnection conn = connections[connection];
        Future<RowSet<Row>> result;
        switch (workload) {
            case SELECT1:
            case WIDE:
                result = conn.preparedQuery(workload.sql()).execute();
                break;
            case PGTYPE:
                result = conn.preparedQuery(workload.sql()).execute(Tuple.of(-1, true));
                break;
            case POINT:
                int aid = ThreadLocalRandom.current().nextInt(1, Workload.ACCOUNTS + 1);
                result = conn.preparedQuery(workload.sql()).execute(Tuple.of(aid));
                break;
            case BATCH:
                result = conn.preparedQuery(workload.sql()).executeBatch(batch);
                break;
            default:
                throw new IllegalStateException("workload " + workload.label() + " is not run by vertx");
        }
        result.onComplete(rows -> done.completed(read(rows)), done::failed);
    }

    private int read(RowSet<Row> rows) {
        switch (workload) {
            case SELECT1:
            case POINT:
                sink += rows.iterator().next().getInteger(0);
                return 1;
            case WIDE:
                return readWide(rows);
            case PGTYPE:
                return readGeneric(rows);
            default:
                return Workload.BATCH_ROWS;
        }
    }

    private int readGeneric(RowSet<Row> rows) {
        int h = 0;
        int count = 0;
        for (Row row : rows) {
            for (int i = 0, n = row.size(); i < n; i++) {
                Object value = row.getValue(i);
                h += Consume.value(value);
            }
            count++;
        }
        sink += h;
        return count;
    }

    private int readWide(RowSet<Row> rows) {
        int h = 0;
        int count = 0;
        for (Row row : rows) {
            h += row.getInteger(0);
            h += (int) (long) row.getLong(1);
            h += (int) (double) row.getDouble(2);
            h += Consume.value(row.getString(3));
            h += row.getOffsetDateTime(4).hashCode();
            count++;
        }
        sink += h;
        return count;
    }

    @Override
    public void close() {
        for (PgConnection connection : connections) {
            connection.close().toCompletionStage().toCompletableFuture().join();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
