package dev.tusk.bench;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.netty.handler.ssl.SslProvider;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An R2DBC driver on Reactor, through the SPI alone: r2dbc-postgresql, or Tusk's own adapter
 * ({@code tusk-r2dbc}). One connection per lane, no pool, each driver's defaults (r2dbc-postgresql
 * prepares and caches statements with parameters and sends those without through the simple
 * query protocol, in text; Tusk's adapter prepares and caches every statement and reads binary).
 * One call in flight per connection. Batch inserts bind 1000 parameter sets to one statement
 * ({@code bind ... add}).
 */
final class R2dbcClient implements AsyncClient {

    private final Connection[] connections;
    private final Workload workload;
    /** Keeps what was read from rows reachable, so that the JIT cannot drop the reading. */
    private int sink;

    private R2dbcClient(Connection[] connections, Workload workload) {
        this.connections = connections;
        this.workload = workload;
    }

    /** r2dbc-postgresql. */
    static R2dbcClient open(Target target, Workload workload, int count) {
        if (workload == Workload.BULK) {
            throw new UnsupportedOperationException("r2dbc-postgresql's copyIn is not compared");
        }
        return open(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(target.host())
                .port(target.port())
                .username(target.user())
                .database(target.database())
                .sslMode(target.tls().on() ? SSLMode.REQUIRE : SSLMode.DISABLE)
                .sslContextBuilderCustomizer(builder -> builder.sslProvider(
                        target.tls() == Tls.OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK))
                .build()), workload, count);
    }

    /** Tusk's R2DBC adapter, found by its driver name as an R2DBC user finds it. */
    static R2dbcClient openTuskAdapter(Target target, Workload workload, int count) {
        if (workload == Workload.BULK) {
            throw new UnsupportedOperationException("COPY is not part of the R2DBC SPI");
        }
        return open(ConnectionFactories.get(ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "tusk")
                .option(ConnectionFactoryOptions.HOST, target.host())
                .option(ConnectionFactoryOptions.PORT, target.port())
                .option(ConnectionFactoryOptions.USER, target.user())
                .option(ConnectionFactoryOptions.DATABASE, target.database())
                .option(ConnectionFactoryOptions.SSL, target.tls().on())
                .option(Option.valueOf("tlsProvider"), target.tls() == Tls.OPENSSL ? "openssl" : "jdk")
                .build()), workload, count);
    }

    private static R2dbcClient open(ConnectionFactory factory, Workload workload, int count) {
        Connection[] connections = new Connection[count];
        for (int i = 0; i < count; i++) {
            connections[i] = Mono.from(factory.create()).block();
        }
        return new R2dbcClient(connections, workload);
    }

    @Override
    public String variant() {
        return workload == Workload.BATCH ? "bind/add x1000" : "";
    }

    @Override
    public void start(int connection, Done done) {
        Statement statement = connections[connection].createStatement(workload.sql());
        Mono<Long> rows;
        switch (workload) {
            case SELECT1:
            case WIDE:
                rows = count(statement);
                break;
            case PGTYPE:
                rows = count(statement.bind(0, -1).bind(1, true));
                break;
            case POINT:
                rows = count(statement.bind(0, ThreadLocalRandom.current().nextInt(1, Workload.ACCOUNTS + 1)));
                break;
            case BATCH:
                rows = insertBatch(statement);
                break;
            default:
                throw new IllegalStateException("workload " + workload.label() + " is not run by r2dbc");
        }
        rows.subscribe(count -> done.completed(count.intValue()), done::failed);
    }

    private Mono<Long> count(Statement statement) {
        return Flux.from(statement.execute()).flatMap(result -> result.map(this::read)).count();
    }

    private Integer read(Readable row) {
        int h = 0;
        switch (workload) {
            case SELECT1:
            case POINT:
                h = row.get(0, Integer.class);
                break;
            case WIDE:
                h += row.get(0, Integer.class);
                h += (int) (long) row.get(1, Long.class);
                h += (int) (double) row.get(2, Double.class);
                h += Consume.value(row.get(3, String.class));
                h += row.get(4, OffsetDateTime.class).hashCode();
                break;
            default:
                for (int i = 0; i < Workload.PGTYPE_COLUMNS; i++) {
                    Object value = row.get(i);
                    h += Consume.value(value);
                }
        }
        sink += h;
        return h;
    }

    private Mono<Long> insertBatch(Statement statement) {
        for (int i = 0; i < Workload.BATCH_ROWS; i++) {
            if (i > 0) {
                statement.add();
            }
            statement.bind(0, RowValues.a(i)).bind(1, RowValues.b(i)).bind(2, RowValues.c(i))
                    .bind(3, RowValues.d(i)).bind(4, RowValues.e(i));
        }
        return Flux.from(statement.execute()).flatMap(result -> Flux.from(result.getRowsUpdated())).reduce(0L, Long::sum);
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            Mono.from(connection.close()).block();
        }
    }
}
