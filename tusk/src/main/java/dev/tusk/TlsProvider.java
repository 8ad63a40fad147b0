package dev.tusk;

/**
 * Which TLS implementation encrypts a connection. Both check certificates, host names and
 * revocation lists the same way (the checks are Tusk's, made through the JDK's trust managers);
 * they differ in speed: OpenSSL (BoringSSL, through Netty's {@code netty-tcnative}) encrypts and
 * decrypts with a fraction of the JDK's CPU time and allocation, which shows on large results and
 * many small queries alike (docs/benchmarks.md, "TLS").
 *
 * <p>OpenSSL needs {@code io.netty:netty-tcnative-boringssl-static} (the version Netty's BOM
 * names) on the class path; Tusk does not depend on it.
 *
 * @see ConnectOptions.Builder#tlsProvider(TlsProvider)
 */
public enum TlsProvider {

    /**
     * OpenSSL when {@code netty-tcnative} is on the class path and loads, the JDK otherwise (the
     * default). The JDK also serves a connection with {@code sslsni=0} to a host name, since
     * OpenSSL would send the name anyway, and one with a caller's own {@code SSLContext}.
     */
    AUTO,

    /** The JDK's {@code SSLEngine}, always. */
    JDK,

    /**
     * OpenSSL, always: connecting fails with an {@link dev.tusk.exceptions.InterfaceException}
     * naming the cause when {@code netty-tcnative} is missing or cannot load, and when the options
     * ask for something only the JDK does ({@code sslsni=0}, a caller's {@code SSLContext}).
     */
    OPENSSL
}
