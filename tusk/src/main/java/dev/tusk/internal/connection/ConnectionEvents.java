package dev.tusk.internal.connection;

import dev.tusk.exceptions.ErrorFields;

/** Routes what the server reports outside query results; notices go to the log for now. */
final class ConnectionEvents implements ServerEvents {

    private static final System.Logger LOG = System.getLogger("dev.tusk.notice");

    private PgConnection connection;

    void attach(PgConnection connection) {
        this.connection = connection;
    }

    @Override
    public void notice(ErrorFields fields) {
        LOG.log(System.Logger.Level.DEBUG, () -> connection + ": " + fields.severity() + ": " + fields.message());
    }

    @Override
    public void notification(int processId, String channel, String payload) {
        LOG.log(System.Logger.Level.DEBUG, () -> connection + ": notification on channel " + channel
                + " from pid " + processId);
    }

    @Override
    public void terminated() {
        LOG.log(System.Logger.Level.DEBUG, () -> connection + ": closed");
    }
}
