package dev.tusk.testkit;

/** The server could not listen on its port because another process took it first. */
final class PortInUseException extends TempClusterException {

    PortInUseException(String message) {
        super(message);
    }
}
