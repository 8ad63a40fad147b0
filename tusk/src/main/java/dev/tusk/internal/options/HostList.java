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
        return resolve(hostSpec, null, portSpec, portSource, SOCKET_DIRECTORIES);
    }

    /**
     * The servers named by libpq's {@code host}, {@code hostaddr} and {@code port} lists. With
     * both host and hostaddr lists, the n-th address goes with the n-th name (an empty address
     * means: look the name up); with hostaddr alone, each address is also the server's name.
     *
     * @param addressSpec comma-separated numeric IP addresses; null or empty for none
     * @throws InterfaceException if an address or port is malformed or the lists cannot be paired
     */
    public static List<HostAndPort> resolve(String hostSpec, String addressSpec, String portSpec, String portSource) {
        return resolve(hostSpec, addressSpec, portSpec, portSource, SOCKET_DIRECTORIES);
    }

    static List<HostAndPort> resolve(String hostSpec, String portSpec, String portSource, List<Path> socketDirectories) {
        return resolve(hostSpec, null, portSpec, portSource, socketDirectories);
    }

    static List<HostAndPort> resolve(String hostSpec, String addressSpec, String portSpec, String portSource,
            List<Path> socketDirectories) {
        boolean named = hostSpec != null && !hostSpec.isBlank();
        boolean addressed = addressSpec != null && !addressSpec.isBlank();
        String[] hosts = named ? hostSpec.split(",", -1) : null;
        String[] addresses = addressed ? addressSpec.split(",", -1) : null;
        if (named && addressed && hosts.length != addresses.length) {
            throw new InterfaceException("could not match " + hosts.length + " host names to " + addresses.length
                    + " hostaddr values");
        }
        int count = named ? hosts.length : addressed ? addresses.length : 1;
        int[] ports = portSpec == null || portSpec.isBlank()
                ? new int[] {PortList.DEFAULT}
                : PortList.parse(portSpec, portSource);
        if (ports.length != 1 && ports.length != count) {
            throw new InterfaceException("could not match " + ports.length + " port numbers to " + count
                    + " hosts (give one port for all hosts, or one per host)");
        }
        List<HostAndPort> servers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int port = ports[ports.length == 1 ? 0 : i];
            if (port == PortList.DEFAULT) {
                port = DEFAULT_PORT;
            }
            String host = named ? hosts[i].trim() : "";
            String address = addressed ? addresses[i].trim() : "";
            servers.add(server(host, address, port, socketDirectories));
        }
        return List.copyOf(servers);
    }

    private static HostAndPort server(String host, String address, int port, List<Path> socketDirectories) {
        try {
            if (address.isEmpty()) {
                return new HostAndPort(host.isEmpty() ? defaultHost(port, socketDirectories) : host, port);
            }
            return new HostAndPort(host.isEmpty() ? address : host, port, address);
        } catch (IllegalArgumentException e) {
            throw new InterfaceException(e.getMessage(), e);
        }
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
