package dev.tusk.test;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.Tusk;
import dev.tusk.testkit.TestDatabase;

/** Connections to the test run's shared server (or to {@code $TUSK_TEST_DSN}). */
public final class Db {

    private Db() {
    }

    public static ConnectOptions.Builder options() {
        return ConnectOptions.builder().useEnvironment(false).dsn(TestDatabase.dsn());
    }

    public static Connection connect() {
        return Tusk.connect(options().build()).join();
    }
}
