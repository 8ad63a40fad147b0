package dev.tusk.r2dbc;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ConnectionFactoryProvider;

/**
 * Found by {@link io.r2dbc.spi.ConnectionFactories} through {@link java.util.ServiceLoader}:
 * claims the options whose driver is {@code tusk} ({@code r2dbc:tusk://user@host:5432/database}).
 */
public final class TuskConnectionFactoryProvider implements ConnectionFactoryProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public TuskConnectionFactoryProvider() {
    }

    /**
     * A factory for these options; see {@link TuskConnectionFactory} for the options understood.
     *
     * @throws IllegalArgumentException when an option is unknown or has an unusable value
     */
    @Override
    public ConnectionFactory create(ConnectionFactoryOptions connectionFactoryOptions) {
        return new TuskConnectionFactory(ConnectionOptionsMapper.toConnectOptions(connectionFactoryOptions));
    }

    /** Whether the options' driver is {@code tusk}. */
    @Override
    public boolean supports(ConnectionFactoryOptions connectionFactoryOptions) {
        if (connectionFactoryOptions == null) {
            throw new IllegalArgumentException("connectionFactoryOptions must not be null");
        }
        return ConnectionOptionsMapper.isTusk(connectionFactoryOptions);
    }

    /** {@code tusk}. */
    @Override
    public String getDriver() {
        return ConnectionOptionsMapper.DRIVER_NAME;
    }
}
