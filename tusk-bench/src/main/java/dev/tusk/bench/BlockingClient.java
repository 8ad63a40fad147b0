package dev.tusk.bench;

/** A client whose operations block the calling thread (JDBC). */
interface BlockingClient extends Client {

    /**
     * Runs one operation, with a connection from the pool, and returns the number of rows it
     * produced or wrote.
     */
    int call() throws Exception;
}
