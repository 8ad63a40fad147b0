package dev.tusk.internal.tls;

import dev.tusk.ConnectOptions;
import dev.tusk.SslMode;
import dev.tusk.TlsVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * What a connection's TLS engine is told beyond its context: whether to check the host name
 * (verify-full), which protocol versions it may use ({@code ssl_min_protocol_version},
 * {@code ssl_max_protocol_version}) and whether it names the host in the handshake ({@code sslsni}).
 */
public final class TlsParameters {

    private TlsParameters() {
    }

    /** Applies the options' TLS settings for a connection to {@code host} to the engine. */
    public static void configure(SSLEngine engine, ConnectOptions options, String host) {
        SSLParameters parameters = engine.getSSLParameters();
        // Set either way: Netty 4.2 checks the host name by default, which only verify-full asks
        // for. "" turns the check off; the JDK ignores null here.
        parameters.setEndpointIdentificationAlgorithm(options.sslMode() == SslMode.VERIFY_FULL ? "HTTPS" : "");
        parameters.setProtocols(protocols(engine.getSupportedProtocols(), options.sslMinProtocolVersion(),
                options.sslMaxProtocolVersion()));
        parameters.setServerNames(serverNames(host, options.sslSni()));
        engine.setSSLParameters(parameters);
    }

    /**
     * The engine's supported protocols between the bounds, in its order; empty when none is, so
     * that the handshake fails naming the cause rather than using a version outside them.
     */
    static String[] protocols(String[] supported, TlsVersion min, TlsVersion max) {
        List<String> allowed = new ArrayList<>();
        for (TlsVersion version : TlsVersion.values()) {
            boolean inRange = version.compareTo(min) >= 0 && (max == null || version.compareTo(max) <= 0);
            if (inRange && Arrays.asList(supported).contains(version.keyword())) {
                allowed.add(version.keyword());
            }
        }
        return allowed.toArray(new String[0]);
    }

    /**
     * The SNI names to send: the host, unless {@code sslsni} is off or the host is an address
     * (libpq's test: only digits and dots, or any colon), or not a name SNI can carry.
     */
    static List<SNIServerName> serverNames(String host, boolean sni) {
        if (!sni || host.isEmpty() || host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(host));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
