package dev.tusk.testkit;

import java.io.IOException;

/**
 * The faults a {@link FaultProxy} currently applies, shared by all its connections: the flow
 * settings, the pending corruption of server bytes, the byte-count trigger and the count of
 * bytes that came from the server.
 */
final class FaultSettings {

    /** Where a forwarded chunk goes. */
    interface ChunkWriter {
        void write(byte[] buffer, int offset, int length) throws IOException;
    }

    volatile long delayNanos;
    volatile long bytesPerSecond;
    volatile boolean blackHole;

    private boolean holdToServer;
    private boolean holdToClient;
    private byte[] replacement;
    private int replaced;
    private long serverBytes;
    private long triggerAt;
    private Runnable trigger;

    synchronized void corrupt(byte[] bytes) {
        replacement = bytes.length == 0 ? null : bytes;
        replaced = 0;
    }

    synchronized void trigger(long count, Runnable fault) {
        triggerAt = serverBytes + count;
        trigger = fault;
    }

    synchronized long serverBytes() {
        return serverBytes;
    }

    synchronized void hold(FaultProxy.Direction direction, boolean held) {
        if (direction == FaultProxy.Direction.TO_SERVER) {
            holdToServer = held;
        } else {
            holdToClient = held;
        }
        notifyAll();
    }

    /** Blocks the forwarding thread while bytes going {@code direction} are held. */
    synchronized void awaitRelease(FaultProxy.Direction direction) throws IOException {
        while (direction == FaultProxy.Direction.TO_SERVER ? holdToServer : holdToClient) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while holding forwarded bytes", e);
            }
        }
    }

    synchronized void clear() {
        holdToServer = false;
        holdToClient = false;
        notifyAll();
        delayNanos = 0;
        bytesPerSecond = 0;
        blackHole = false;
        replacement = null;
        trigger = null;
    }

    /**
     * Counts, corrupts as asked and hands on a chunk that came from the server, splitting it where
     * the trigger falls so that the trigger's fault applies to exactly the bytes after its count.
     */
    void fromServer(byte[] buffer, int offset, int length, ChunkWriter writer) throws IOException {
        while (length > 0) {
            int part = length;
            Runnable fire = null;
            synchronized (this) {
                if (trigger != null && triggerAt - serverBytes <= length) {
                    part = (int) Math.max(0, triggerAt - serverBytes);
                    fire = trigger;
                    trigger = null;
                }
                serverBytes += part;
                applyCorruption(buffer, offset, part);
            }
            if (part > 0) {
                writer.write(buffer, offset, part);
            }
            if (fire != null) {
                fire.run();
            }
            offset += part;
            length -= part;
        }
    }

    private void applyCorruption(byte[] buffer, int offset, int length) {
        for (int i = 0; i < length && replacement != null; i++) {
            buffer[offset + i] = replacement[replaced++];
            if (replaced == replacement.length) {
                replacement = null;
            }
        }
    }

    /** Waits as the delay and throttle ask before {@code length} bytes are forwarded. */
    void pace(int length) throws IOException {
        long nanos = delayNanos;
        long rate = bytesPerSecond;
        if (rate > 0) {
            nanos += length * 1_000_000_000L / rate;
        }
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while delaying forwarded bytes", e);
            }
        }
    }
}
