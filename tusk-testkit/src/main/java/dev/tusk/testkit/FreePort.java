package dev.tusk.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a loopback TCP port that nobody listens on right now. */
final class FreePort {

    private FreePort() {
    }

    /**
     * Returns a port the kernel just handed out. Another process may take it before the server
     * binds it; {@link TempCluster} retries with a new port when that happens.
     */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new TempClusterException("could not find a free TCP port on 127.0.0.1: " + e, e);
        }
    }
}
