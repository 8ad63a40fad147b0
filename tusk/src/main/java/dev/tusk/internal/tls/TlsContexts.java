package dev.tusk.internal.tls;

import dev.tusk.ConnectOptions;
import dev.tusk.SslCertMode;
import dev.tusk.SslMode;
import dev.tusk.TlsProvider;
import dev.tusk.exceptions.InterfaceException;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS client context for a set of options with libpq's meaning of each sslmode:
 * require trusts any certificate unless a root certificate file exists (then it verifies the
 * chain, as verify-ca); verify-ca checks the chain; verify-full also checks the host name.
 * Whenever the chain is verified against a root certificate file, a certificate revocation list
 * ({@code sslcrl}, else {@code ~/.postgresql/root.crl} if it exists) is checked too, as libpq does;
 * without chain verification, or with {@code sslrootcert=system}, no CRL is read.
 *
 * <p>The engine is the JDK's or OpenSSL's ({@link #provider}); the trust decisions are the same
 * Java trust managers either way, and the host name check of verify-full is the JDK's
 * endpoint identification, which Netty's OpenSSL engine also calls.
 */
public final class TlsContexts {

    /** How OpenSSL names a revocation list in a hashed directory: the issuer's name hash, {@code .r}, a number. */
    private static final Pattern HASHED_CRL_NAME = Pattern.compile("[0-9a-f]{8}\\.r[0-9]+");
    private static final Map<ConnectOptions, SslContext> CACHE = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<ConnectOptions, SslContext> DIRECT_CACHE = Collections.synchronizedMap(new WeakHashMap<>());
    private static final System.Logger LOGGER = System.getLogger(TlsContexts.class.getName());

    /** The ALPN protocol of a direct TLS connection, which the server must select (as libpq checks). */
    public static final String ALPN_POSTGRESQL = "postgresql";

    private TlsContexts() {
    }

    /**
     * The context for these options, built once per options instance (it reads the certificate
     * and key files, so call it off the event loop).
     *
     * @param direct whether TLS starts directly ({@code sslnegotiation=direct}), which needs ALPN
     * @throws InterfaceException if a file is missing or unreadable, or verification lacks a root certificate
     */
    public static SslContext forOptions(ConnectOptions options, boolean direct) {
        return (direct ? DIRECT_CACHE : CACHE).computeIfAbsent(options, o -> build(o, direct));
    }

    /**
     * Whether the server's certificate chain must be verified for these options: always in the
     * verify modes, and in {@code allow}, {@code prefer} and {@code require} whenever a root
     * certificate file is there, as libpq does ({@code initialize_SSL} sets SSL_VERIFY_PEER once a
     * root certificate is loaded, whatever the sslmode).
     */
    public static boolean verifiesChain(ConnectOptions options) {
        SslMode mode = options.sslMode();
        return mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL
                || (mode != SslMode.DISABLE && rootCertificate(options) != null);
    }

    /**
     * The TLS implementation for these options: {@link TlsProvider#AUTO} takes OpenSSL when
     * netty-tcnative loads, unless the options need the JDK's engine: a caller's
     * {@code SSLContext}, or {@code sslsni=0} (Netty's OpenSSL engine names the peer host in the
     * handshake whatever the engine's parameters say later).
     *
     * @throws InterfaceException if {@link TlsProvider#OPENSSL} is asked for and cannot serve
     */
    public static SslProvider provider(ConnectOptions options) {
        if (options.sslKeyLogFile() != null) {
            return keyLoggingProvider(options);
        }
        switch (options.tlsProvider()) {
            case JDK:
                return SslProvider.JDK;
            case OPENSSL:
                if (options.sslContext() != null) {
                    throw new InterfaceException("tlsProvider OPENSSL cannot use a caller's SSLContext, which is "
                            + "the JDK's; use TlsProvider.JDK or AUTO");
                }
                if (!options.sslSni()) {
                    throw new InterfaceException("sslsni=0 needs tlsProvider JDK or AUTO: Netty's OpenSSL engine "
                            + "always sends the host name");
                }
                if (!OpenSsl.isAvailable()) {
                    throw new InterfaceException("tlsProvider OPENSSL needs io.netty:netty-tcnative-boringssl-static "
                            + "on the class path: " + OpenSsl.unavailabilityCause(), OpenSsl.unavailabilityCause());
                }
                return SslProvider.OPENSSL;
            default:
                return options.sslContext() == null && options.sslSni() && OpenSsl.isAvailable()
                        ? SslProvider.OPENSSL : SslProvider.JDK;
        }
    }

    /** OpenSSL, the one engine that gives its keys: what {@code sslkeylogfile} needs. */
    private static SslProvider keyLoggingProvider(ConnectOptions options) {
        if (options.tlsProvider() == TlsProvider.JDK) {
            throw new InterfaceException("sslkeylogfile needs tlsProvider OPENSSL or AUTO: the JDK's TLS engine "
                    + "cannot give its keys");
        }
        if (options.sslContext() != null) {
            throw new InterfaceException("sslkeylogfile cannot apply to a caller's SSLContext, which is the JDK's "
                    + "TLS engine: it cannot give its keys");
        }
        if (!options.sslSni()) {
            throw new InterfaceException("sslkeylogfile needs the OpenSSL TLS engine, which always sends the host "
                    + "name: it cannot be combined with sslsni=0");
        }
        if (!OpenSsl.isAvailable()) {
            throw new InterfaceException("sslkeylogfile needs the OpenSSL TLS engine: add "
                    + "io.netty:netty-tcnative-boringssl-static to the class path (" + OpenSsl.unavailabilityCause() + ")",
                    OpenSsl.unavailabilityCause());
        }
        return SslProvider.OPENSSL;
    }

    private static SslContext build(ConnectOptions options, boolean direct) {
        SslProvider provider = provider(options);
        LOGGER.log(System.Logger.Level.DEBUG, () -> "TLS engine for new connection options: "
                + (provider == SslProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")" : "the JDK's"));
        // The server must select "postgresql"; Connector checks it after the handshake, since
        // Netty's OpenSSL engine cannot be told to fail the handshake itself.
        ApplicationProtocolConfig alpn = direct
                ? new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ALPN_POSTGRESQL)
                : ApplicationProtocolConfig.DISABLED;
        if (options.sslContext() != null && options.sslCertMode() == SslCertMode.DISABLE) {
            throw new InterfaceException("sslcertmode=disable cannot apply to a caller's SSLContext: its key managers "
                    + "decide which certificate is sent");
        }
        if (options.sslContext() != null) {
            return new JdkSslContext(options.sslContext(), true, null, IdentityCipherSuiteFilter.INSTANCE,
                    alpn, ClientAuth.NONE, null, false);
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(provider)
                    .applicationProtocolConfig(alpn);
            if (verifiesChain(options)) {
                builder.trustManager(trustManagerFactory(options));
            } else {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            boolean sendsCertificate = options.sslCertMode() != SslCertMode.DISABLE;
            Path certificate = sendsCertificate ? clientFile(options.sslCert(), "postgresql.crt") : null;
            Path key = sendsCertificate ? clientFile(options.sslKey(), "postgresql.key") : null;
            if (certificate != null && key != null) {
                ClientKeyFile keyFile = ClientKeyFile.read(key);
                try (InputStream chain = Files.newInputStream(certificate); InputStream pem = keyFile.pem()) {
                    builder.keyManager(chain, pem, keyFile.encrypted() ? options.sslPassword() : null);
                }
            }
            SslContext context = builder.build();
            if (options.sslKeyLogFile() != null) {
                KeyLog.install(context, options.sslKeyLogFile());
            }
            return context;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InterfaceException("cannot set up TLS: file \"" + e.getFile() + "\" does not exist", e);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new InterfaceException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManagerFactory(ConnectOptions options)
            throws IOException, GeneralSecurityException {
        Path root = rootCertificate(options);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (root == null) {
            if ("system".equals(String.valueOf(options.sslRootCert()))) {
                factory.init((KeyStore) null);
                return factory;
            }
            throw new InterfaceException("sslmode " + options.sslMode().keyword() + " needs a root certificate "
                    + "to verify the server: set sslrootcert (or create ~/.postgresql/root.crt), or use sslrootcert=system");
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        CertificateFactory certificates = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(root)) {
            int n = 0;
            for (java.security.cert.Certificate certificate : certificates.generateCertificates(in)) {
                trusted.setCertificateEntry("root-" + n++, certificate);
            }
            if (n == 0) {
                throw new InterfaceException("no certificate found in sslrootcert file " + root);
            }
        }
        boolean crlGiven = options.sslCrl() != null || options.sslCrlDir() != null;
        Path crlFile = crlGiven ? options.sslCrl() : clientFile(null, "root.crl");
        if (crlFile == null && options.sslCrlDir() == null) {
            factory.init(trusted);
            return factory;
        }
        List<CRL> crls = new ArrayList<>();
        if (crlFile != null) {
            crls.addAll(revocationLists(crlFile, certificates));
        }
        if (options.sslCrlDir() != null) {
            crls.addAll(revocationListsIn(options.sslCrlDir(), certificates));
        }
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(trusted, new X509CertSelector());
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
        parameters.setRevocationEnabled(true);
        factory.init(new CertPathTrustManagerParameters(parameters));
        return factory;
    }

    /**
     * The CRLs in the sslcrl file. Unlike libpq, which silently checks nothing when that file is
     * missing or unreadable, a CRL file that cannot be used fails the connection: a revocation
     * check the caller asked for is never dropped.
     */
    private static Collection<? extends CRL> revocationLists(Path crlFile, CertificateFactory certificates) {
        try (InputStream in = Files.newInputStream(crlFile)) {
            Collection<? extends CRL> crls = certificates.generateCRLs(in);
            if (crls.isEmpty()) {
                throw new InterfaceException("no certificate revocation list found in sslcrl file \"" + crlFile + "\"");
            }
            return crls;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InterfaceException("sslcrl file \"" + crlFile + "\" does not exist", e);
        } catch (IOException | CRLException e) {
            throw new InterfaceException("cannot read sslcrl file \"" + crlFile + "\": " + e.getMessage(), e);
        }
    }

    /**
     * The revocation lists of an {@code sslcrldir}: the files OpenSSL would look up there, named
     * by the issuer's hash ({@code 1a2b3c4d.r0}, as {@code openssl rehash} makes them). Other
     * files are not read, as by OpenSSL.
     */
    private static List<CRL> revocationListsIn(Path directory, CertificateFactory certificates) {
        if (!Files.isDirectory(directory)) {
            throw new InterfaceException("sslcrldir \"" + directory + "\" is not a directory");
        }
        List<CRL> crls = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (HASHED_CRL_NAME.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file)) {
                    crls.addAll(revocationLists(file, certificates));
                }
            }
        } catch (IOException e) {
            throw new InterfaceException("cannot read sslcrldir \"" + directory + "\": " + e.getMessage(), e);
        }
        return crls;
    }

    private static Path rootCertificate(ConnectOptions options) {
        Path configured = options.sslRootCert();
        if (configured != null) {
            if ("system".equals(configured.toString())) {
                return null;
            }
            return configured;
        }
        Path fallback = Path.of(System.getProperty("user.home"), ".postgresql", "root.crt");
        return Files.isReadable(fallback) ? fallback : null;
    }

    private static Path clientFile(Path configured, String defaultName) {
        if (configured != null) {
            return configured;
        }
        Path fallback = Path.of(System.getProperty("user.home"), ".postgresql", defaultName);
        return Files.isReadable(fallback) ? fallback : null;
    }

    /** The server's leaf certificate after the handshake, for channel binding; null if none. */
    public static X509Certificate peerCertificate(javax.net.ssl.SSLSession session) {
        try {
            java.security.cert.Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate ? (X509Certificate) chain[0] : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
