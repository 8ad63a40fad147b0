package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy's faults, against a small echo server. */
class FaultProxyTest {

    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::echoLoop, "echo");
        thread.setDaemon(true);
        thread.start();
        proxy = FaultProxy.start("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            Socket socket;
            try {
                socket = echo.accept();
            } catch (IOException e) {
                return; // the echo server is closing
            }
            Thread connection = new Thread(() -> {
                try (socket) {
                    socket.getInputStream().transferTo(socket.getOutputStream());
                } catch (IOException e) {
                    // the client or the proxy ended the connection
                }
            }, "echo-connection");
            connection.setDaemon(true);
            connection.start();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(proxy.host(), proxy.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String exchange(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new String(socket.getInputStream().readNBytes(text.length()), StandardCharsets.US_ASCII);
    }

    @Test
    void forwardsBytesBothWaysAndCountsTheServersBytes() throws IOException {
        try (Socket socket = connect()) {
            assertThat(exchange(socket, "hello")).isEqualTo("hello");
            assertThat(proxy.serverBytes()).isEqualTo(5);
            assertThat(proxy.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void corruptsExactlyTheServerBytesAfterTheTriggerCount() throws IOException {
        try (Socket socket = connect()) {
            byte[] junk = "XY".getBytes(StandardCharsets.US_ASCII);
            proxy.afterServerBytes(3, () -> proxy.corruptServerBytes(junk));
            assertThat(exchange(socket, "abcdefg")).isEqualTo("abcXYfg");
        }
    }

    @Test
    void cutAfterServerBytesDeliversThatManyBytesThenEndOfStream() throws IOException {
        try (Socket socket = connect()) {
            proxy.afterServerBytes(4, proxy::cut);
            socket.getOutputStream().write("0123456789".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("0123");
        }
    }

    @Test
    void blackHoleAnswersNothingAndKeepsTheConnectionOpen() throws IOException {
        proxy.blackHole();
        try (Socket socket = connect()) {
            socket.setSoTimeout(200);
            socket.getOutputStream().write(1);
            boolean timedOut = false;
            try {
                socket.getInputStream().read();
            } catch (SocketTimeoutException e) {
                timedOut = true;
            }
            assertThat(timedOut).as("read timed out instead of receiving bytes or end of stream").isTrue();
        }
    }

    @Test
    void healedProxyForwardsNewConnectionsAgain() throws IOException {
        proxy.blackHole();
        proxy.heal();
        try (Socket socket = connect()) {
            assertThat(exchange(socket, "again")).isEqualTo("again");
        }
    }

    @Test
    void healClosesTheConnectionsThatLostBytesToTheBlackHoleAndKeepsTheOthers() throws IOException {
        try (Socket quiet = connect(); Socket talker = connect()) {
            assertThat(exchange(quiet, "q")).isEqualTo("q");
            assertThat(exchange(talker, "t")).isEqualTo("t");
            proxy.blackHole();
            talker.getOutputStream().write("lost".getBytes(StandardCharsets.US_ASCII));
            try (Socket latecomer = connect()) {
                Await.until(Duration.ofSeconds(30), "the talker's bytes and the latecomer swallowed",
                        () -> proxy.connectionsThatLostBytes() == 2);

                proxy.heal();

                assertThat(talker.getInputStream().read()).as("the talker's stream ends, without a gap").isEqualTo(-1);
                assertThat(latecomer.getInputStream().read()).as("the latecomer never reached the server").isEqualTo(-1);
            }
            assertThat(exchange(quiet, "still")).as("a connection that lost nothing goes on").isEqualTo("still");
        }
        try (Socket socket = connect()) {
            assertThat(exchange(socket, "new")).isEqualTo("new");
        }
    }

    @Test
    void heldBytesTowardsTheClientArriveInOrderOnceReleased() throws IOException {
        try (Socket socket = connect()) {
            proxy.hold(FaultProxy.Direction.TO_CLIENT);
            socket.getOutputStream().write("held".getBytes(StandardCharsets.US_ASCII));
            Await.until(Duration.ofSeconds(30), "the echo to reach the proxy", () -> proxy.serverBytes() == 4);
            assertThat(socket.getInputStream().available()).as("bytes delivered while held").isZero();
            proxy.release(FaultProxy.Direction.TO_CLIENT);
            assertThat(new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("held");
        }
    }

    @Test
    void cutTowardsTheClientEndsItsStreamWhileItStillSends() throws IOException {
        try (Socket socket = connect()) {
            assertThat(exchange(socket, "a")).isEqualTo("a");
            proxy.cut(FaultProxy.Direction.TO_CLIENT);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            socket.getOutputStream().write(2);
        }
    }

    @Test
    void resetMakesTheClientSeeAConnectionReset() throws IOException {
        try (Socket socket = connect()) {
            assertThat(exchange(socket, "a")).isEqualTo("a");
            proxy.reset();
            boolean reset = false;
            try {
                int read = socket.getInputStream().read();
                assertThat(read).as("a reset connection yields no data").isEqualTo(-1);
            } catch (IOException e) {
                reset = e.getMessage() != null && e.getMessage().toLowerCase().contains("reset");
            }
            assertThat(reset).as("the client saw a connection reset").isTrue();
        }
    }
}
