package dev.tusk.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records the warnings Netty logs through java.util.logging (its default when no other logging
 * framework is present), such as "An exceptionCaught() event was fired, and it reached at the
 * tail of the pipeline": proof that an exception escaped the driver's handlers.
 */
final class NettyWarnings extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.netty");
    private final List<String> warnings = new ArrayList<>();

    NettyWarnings() {
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record.getLoggerName() + ": " + record.getMessage()
                    + (record.getThrown() != null ? " " + record.getThrown() : ""));
        }
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void flush() {
        // records are kept in memory; nothing to flush
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
