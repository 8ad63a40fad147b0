/**
 * The R2DBC 1.0 SPI over Tusk. {@code ConnectionFactories.get("r2dbc:tusk://user@host/db")} finds
 * {@link dev.tusk.r2dbc.TuskConnectionFactoryProvider} through {@link java.util.ServiceLoader}.
 */
package dev.tusk.r2dbc;
