package dev.tusk.internal.connection;

import dev.tusk.exceptions.ErrorFields;

/** What the server reports outside any query's result; called on the event loop. */
public interface ServerEvents {

    void notice(ErrorFields fields);

    void notification(int processId, String channel, String payload);

    void terminated();
}
