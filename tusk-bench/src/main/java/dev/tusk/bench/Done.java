package dev.tusk.bench;

/** Told once when an asynchronous operation ends. */
interface Done {

    /** The operation succeeded and produced (or wrote) {@code rows} rows. */
    void completed(int rows);

    /** The operation failed. */
    void failed(Throwable error);
}
