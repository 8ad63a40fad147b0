package dev.tusk.bench;

/**
 * One driver's open connections, ready to run one workload's operation on any of them. Either an
 * {@link AsyncClient} or a {@link BlockingClient}.
 */
interface Client extends AutoCloseable {

    /**
     * What the driver runs for the workload when it differs from the plain driver name, e.g.
     * {@code 1000 pipelined execute}; empty otherwise.
     */
    String variant();

    /** Closes every connection. */
    @Override
    void close();
}
