package dev.tusk.r2dbc;

import io.r2dbc.spi.ConnectionMetadata;

/** The server a connection talks to: PostgreSQL and its {@code server_version}. */
final class TuskConnectionMetadata implements ConnectionMetadata {

    private final String version;

    TuskConnectionMetadata(String version) {
        this.version = version;
    }

    /** {@code PostgreSQL}. */
    @Override
    public String getDatabaseProductName() {
        return "PostgreSQL";
    }

    /** The server's {@code server_version}, e.g. {@code 17.7}. */
    @Override
    public String getDatabaseVersion() {
        return version;
    }
}
