package dev.tusk.reliability;

import dev.tusk.ConnectOptions;
import dev.tusk.HostAndPort;
import dev.tusk.test.Db;
import dev.tusk.testkit.FaultProxy;

/** The test run's shared server, and fault proxies in front of it. */
final class SharedServer {

    private SharedServer() {
    }

    /** Options for a direct connection to the shared server. */
    static ConnectOptions.Builder direct() {
        return Db.options();
    }

    /** A proxy in front of the shared server's first host. */
    static FaultProxy proxy() {
        HostAndPort host = Db.options().build().hosts().get(0);
        return FaultProxy.start(host.host(), host.port());
    }

    /** Options that reach the shared server through {@code proxy}, without TLS (so bytes can be corrupted). */
    static ConnectOptions.Builder through(FaultProxy proxy, String applicationName) {
        return Db.options().host(proxy.host()).port(proxy.port()).sslMode(dev.tusk.SslMode.DISABLE)
                .applicationName(applicationName);
    }
}
