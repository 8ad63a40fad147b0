package dev.tusk.exceptions;

/**
 * A value could not be read because its type changed on the server since the connection looked
 * it up: an attribute added to, dropped from or retyped in a composite type by {@code ALTER TYPE}.
 * This is asyncpg's {@code OutdatedSchemaCacheError}. The connection has already reloaded its
 * schema state ({@link dev.tusk.Connection#reloadSchemaState()}) when this is thrown, so running
 * the query again reads the new form of the type.
 */
public class OutdatedSchemaCacheException extends InterfaceException {

    /**
     * Creates an exception naming the column and the change found.
     *
     * @param message what changed, and what to do
     * @param cause the decoding failure that showed it
     */
    public OutdatedSchemaCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
