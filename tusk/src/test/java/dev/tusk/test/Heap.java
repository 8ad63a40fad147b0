package dev.tusk.test;

/** The heap in use, for tests that bound what a stream or a cursor holds. */
public final class Heap {

    private Heap() {
    }

    /** Bytes of heap in use right after a full collection was asked for. */
    public static long usedAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
