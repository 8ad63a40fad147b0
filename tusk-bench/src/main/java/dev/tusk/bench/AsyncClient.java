package dev.tusk.bench;

/** A client whose operations complete a callback, on the driver's threads. */
interface AsyncClient extends Client {

    /**
     * Starts one operation on connection {@code connection} (from 0) and returns at once;
     * {@code done} is told exactly once, on the driver's thread, when it ends.
     */
    void start(int connection, Done done);
}
