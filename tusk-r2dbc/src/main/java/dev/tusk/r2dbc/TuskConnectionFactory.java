package dev.tusk.r2dbc;

import dev.tusk.ConnectOptions;
import dev.tusk.Tusk;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * Opens Tusk connections for R2DBC. Made by {@code ConnectionFactories.get("r2dbc:tusk://...")},
 * or directly from Tusk's options:
 *
 * <pre>{@code
 * ConnectionFactory factory = new TuskConnectionFactory(ConnectOptions.builder()
 *         .dsn("postgresql://app@localhost/app").build());
 * Mono.from(factory.create()).flatMapMany(c -> c.createStatement("SELECT 1").execute()) ...
 * }</pre>
 *
 * <p>Options given through R2DBC are mapped as {@link ConnectionOptionsMapper} describes: the
 * standard ones, Tusk's own ({@code statementCacheSize}, {@code commandTimeout}, ...) and libpq's
 * connection keywords ({@code sslmode}, {@code application_name}, ...).
 */
public final class TuskConnectionFactory implements ConnectionFactory {

    private static final ConnectionFactoryMetadata METADATA = () -> "PostgreSQL";

    private final ConnectOptions options;

    /** A factory connecting with {@code options}. */
    public TuskConnectionFactory(ConnectOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A factory for R2DBC options, as {@link TuskConnectionFactoryProvider#create} makes it.
     *
     * @throws IllegalArgumentException when an option is unknown or has an unusable value
     */
    public static TuskConnectionFactory of(ConnectionFactoryOptions options) {
        return new TuskConnectionFactory(ConnectionOptionsMapper.toConnectOptions(options));
    }

    /**
     * Connects when subscribed (and requested), then reads the session's default isolation level.
     * A connection that arrives after the subscriber cancelled is closed.
     */
    @Override
    public Publisher<? extends Connection> create() {
        return FuturePublisher.<TuskConnection>of(this::connect, TuskConnection::closeQuietly);
    }

    private CompletableFuture<TuskConnection> connect() {
        return Tusk.connect(options)
                .handle((connection, failure) -> {
                    if (failure != null) {
                        return CompletableFuture.<TuskConnection>failedFuture(ErrorTranslator.translate(failure, null));
                    }
                    return TuskConnection.open(connection);
                })
                .thenCompose(opened -> opened);
    }

    /** Names the product: {@code PostgreSQL}. */
    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return METADATA;
    }

    /** The Tusk options this factory connects with. */
    public ConnectOptions getOptions() {
        return options;
    }

    @Override
    public String toString() {
        return "TuskConnectionFactory[" + options + "]";
    }
}
