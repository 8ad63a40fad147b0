package dev.tusk.internal.connection;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.exceptions.TuskException;
import dev.tusk.internal.auth.AuthenticationException;
import dev.tusk.internal.protocol.MalformedMessageException;

/** Turns what goes wrong inside the driver into the exception a caller sees. */
final class Failures {

    private Failures() {
    }

    /**
     * A protocol violation becomes {@code ProtocolViolationException} (08P01), an authentication
     * failure 28000, an I/O failure 08006, a bad argument {@link InterfaceException}.
     */
    static TuskException toUserException(Throwable failure) {
        if (failure instanceof TuskException) {
            return (TuskException) failure;
        }
        if (failure instanceof MalformedMessageException) {
            return PostgresExceptions.clientSide("08P01", "protocol violation: " + failure.getMessage(), failure);
        }
        if (failure instanceof AuthenticationException) {
            return PostgresExceptions.clientSide("28000", failure.getMessage(), failure);
        }
        if (failure instanceof java.io.IOException) {
            return PostgresExceptions.clientSide("08006", "connection failure: " + failure.getMessage(), failure);
        }
        if (failure instanceof IllegalArgumentException) {
            return new InterfaceException(failure.getMessage(), failure);
        }
        return new InterfaceException("unexpected failure: " + failure, failure);
    }
}
