package dev.tusk.internal.options;

import dev.tusk.HostAndPort;
import dev.tusk.exceptions.InterfaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pairs libpq's {@code host} and {@code port} lists into the servers to try: one port applies to
 * every host, otherwise the n-th port goes with the n-th host; an empty item means the default.
 */
public final class HostList {

    /** The port PostgreSQL listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 5432;

    /** Where packaged servers (Debian, Red Hat) and source builds put their sockets, in that order. */
    private static final List<Path> SOCKET_DIRECTORIES =
            List.of(Path.of("/var/run/postgresql"), Path.of("/run/postgresql"), Path.of("/tmp"));

    private HostList() {
    }

    /**
     * The servers named by a host list and a port list.
     *
     * @param hostSpec comma-separated hosts, socket directories or IP addresses; null or empty for the default
     * @param portSpec comma-separated ports; null or empty for 5432
     * @param portSource where the port list came from, for error messages
     * @throws InterfaceException if a port is malformed or the two lists cannot be paired
     */
    public static List<HostAndPort> resolve(String hostSpec, String portSpec, String portSource) {
        return resolve(hostSpec, portSpec, portSource, SOCKET_DIRECTORIES);
    }

    static List<HostAndPort> resolve(String hostSpec, String portSpec, String portSource, List<Path> socketDirectories) {
        String[] hosts = hostSpec == null || hostSpec.isBlank() ? new String[] {""} : hostSpec.split(",", -1);
        int[] ports = portSpec == null || portSpec.isBlank()
                ? new int[] {PortList.DEFAULT}
                : PortList.parse(portSpec, portSource);
        if (ports.length != 1 && ports.length != hosts.length) {
            throw new InterfaceException("could not match " + ports.length + " port numbers to " + hosts.length
                    + " hosts (give one port for all hosts, or one per host)");
        }
        List<HostAndPort> servers = new ArrayList<>(hosts.length);
        for (int i = 0; i < hosts.length; i++) {
            int port = ports[ports.length == 1 ? 0 : i];
            if (port == PortList.DEFAULT) {
                port = DEFAULT_PORT;
            }
            String host = hosts[i].trim();
            servers.add(new HostAndPort(host.isEmpty() ? defaultHost(port, socketDirectories) : host, port));
        }
        return List.copyOf(servers);
    }

    /**
     * The host used when none is given: the first usual socket directory that holds this port's
     * socket, else {@code localhost}. libpq insists on its compiled-in directory; looking for the
     * socket file instead also finds servers whose packaging put it elsewhere.
     */
    static String defaultHost(int port, List<Path> socketDirectories) {
        String socketFile = ".s.PGSQL." + port;
        for (Path directory : socketDirectories) {
            if (Files.exists(directory.resolve(socketFile))) {
                return directory.toString();
            }
        }
        return "localhost";
    }
}
