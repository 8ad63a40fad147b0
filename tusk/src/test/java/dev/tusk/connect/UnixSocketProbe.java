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

    /**
     * Arguments: socket directory, port, user, and optionally the server's OS user and another
     * user for {@code requirepeer}. Prints {@code transport=<nio|epoll> <description>}, then
     * {@code refused: <message>} for the other user.
     */
    public static void main(String[] args) {
        ConnectOptions.Builder options = ConnectOptions.builder().useEnvironment(false).host(args[0])
                .port(Integer.parseInt(args[1])).user(args[2]).database("postgres");
        if (args.length > 3) {
            options.requirePeer(args[3]);
        }
        try (Connection connection = Tusk.connect(options.build()).orTimeout(30, TimeUnit.SECONDS).join()) {
            System.out.println("transport=" + (Transports.isEpoll() ? "epoll" : "nio") + " " + describe(connection));
        }
        if (args.length > 4) {
            try (Connection unexpected = Tusk.connect(options.requirePeer(args[4]).build())
                    .orTimeout(30, TimeUnit.SECONDS).join()) {
                System.out.println("connected despite requirepeer=" + args[4]);
            } catch (java.util.concurrent.CompletionException e) {
                System.out.println("refused: " + e.getCause().getMessage());
            }
        }
    }

    /** How the server sees the connection: {@code "unix socket, no TLS"} or {@code "tcp, ..."}. */
    static String describe(Connection connection) {
        Boolean unix = connection.<Boolean>fetchval("SELECT inet_server_addr() IS NULL").orTimeout(30, TimeUnit.SECONDS).join();
        return (unix ? "unix socket" : "tcp") + ", " + (ConnectTesting.sslInUse(connection) ? "TLS" : "no TLS");
    }
}
