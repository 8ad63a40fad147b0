package dev.tusk.connect;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.Tusk;
import dev.tusk.internal.connection.Transports;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link UnixSocketTest}: connects over a Unix socket with whatever
 * transport the JVM's system properties choose and prints what the server saw.
 */
public final class UnixSocketProbe {

    private UnixSocketProbe() {
    }

    /** Arguments: socket directory, port, user. Prints {@code transport=<nio|epoll> <description>}. */
    public static void main(String[] args) {
        ConnectOptions options = ConnectOptions.builder().useEnvironment(false).host(args[0])
                .port(Integer.parseInt(args[1])).user(args[2]).database("postgres").build();
        try (Connection connection = Tusk.connect(options).orTimeout(30, TimeUnit.SECONDS).join()) {
            System.out.println("transport=" + (Transports.isEpoll() ? "epoll" : "nio") + " " + describe(connection));
        }
    }

    /** How the server sees the connection: {@code "unix socket, no TLS"} or {@code "tcp, ..."}. */
    static String describe(Connection connection) {
        Boolean unix = connection.<Boolean>fetchval("SELECT inet_server_addr() IS NULL").orTimeout(30, TimeUnit.SECONDS).join();
        return (unix ? "unix socket" : "tcp") + ", " + (ConnectTesting.sslInUse(connection) ? "TLS" : "no TLS");
    }
}
