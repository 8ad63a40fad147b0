package dev.tusk.internal.connection;

import dev.tusk.ConnectOptions;
import dev.tusk.HostAndPort;
import dev.tusk.SslCertMode;
import dev.tusk.SslMode;
import dev.tusk.SslNegotiation;
import dev.tusk.exceptions.ConnectTimeoutException;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.codec.CodecRegistry;
import dev.tusk.internal.command.BackendPidQuery;
import dev.tusk.internal.command.Credentials;
import dev.tusk.internal.command.StartupCommand;
import dev.tusk.internal.command.StatementCache;
import dev.tusk.internal.options.PgPassFile;
import dev.tusk.internal.protocol.FrameDecoder;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.tls.HandshakeFailureSink;
import dev.tusk.internal.tls.SslResponseHandler;
import dev.tusk.internal.tls.TlsContexts;
import dev.tusk.internal.tls.TlsParameters;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * Opens one connection to one server address: TCP or Unix socket, the TLS negotiation that the
 * sslmode asks for, then the startup exchange. The whole attempt is bounded by the connect
 * timeout. {@link HostSelector} tries several hosts with this.
 */
final class Connector {

    /** Host names are resolved off the event loop: the JDK resolver blocks. */
    private static final ExecutorService RESOLVER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tusk-resolver");
        thread.setDaemon(true);
        return thread;
    });

    private static final Pattern SOCKET_ERROR_PREFIX = Pattern.compile("^\\w+\\(\\.\\.\\) failed with error\\(-?\\d+\\): ");
    private static final Pattern SOCKET_ERROR_ADDRESS = Pattern.compile(": [^ ]*/[^ ]*$");

    private final ConnectOptions options;
    private final CodecRegistry codecs;
    private final SharedTypes sharedTypes;

    Connector(ConnectOptions options, CodecRegistry codecs, SharedTypes sharedTypes) {
        this.options = options;
        this.codecs = codecs;
        this.sharedTypes = sharedTypes;
    }

    /**
     * Connects to one host, trying each of its addresses in turn. The password (a supplier may
     * block, the password file is read) and the addresses are found off the event loop, once per
     * host.
     */
    CompletableFuture<PgConnection> connect(HostAndPort host) {
        if (isUnixSocket(host)) {
            String path = host.host() + "/.s.PGSQL." + host.port();
            return CompletableFuture.supplyAsync(() -> password(host), RESOLVER)
                    .thenCompose(password -> connectAddress(host, Transports.domainSocketAddress(path), true, password));
        }
        return CompletableFuture.supplyAsync(() -> password(host), RESOLVER)
                .thenCompose(password -> CompletableFuture.supplyAsync(() -> {
                    SocketOptions.checkSupported(options, Transports.isEpoll());
                    return resolve(host);
                }, RESOLVER)
                        .thenCompose(addresses -> connectEach(host, addresses, 0, null, password)));
    }

    private static boolean isUnixSocket(HostAndPort host) {
        return host.isUnixSocket();
    }

    private static InetAddress[] resolve(HostAndPort host) {
        try {
            if (host.address() != null) {
                // hostaddr: a numeric address, parsed and never looked up
                return new InetAddress[] {InetAddress.getByName(host.address())};
            }
            return InetAddress.getAllByName(host.host());
        } catch (UnknownHostException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.startsWith(host.host() + ": ")) {
                reason = reason.substring(host.host().length() + 2);
            }
            throw PostgresExceptions.clientSide("08001", "could not translate host name \"" + host.host()
                    + "\" to an address: " + reason, e);
        }
    }

    private CompletableFuture<PgConnection> connectEach(HostAndPort host, InetAddress[] addresses, int index,
            Throwable previous, String password) {
        if (index >= addresses.length) {
            return CompletableFuture.failedFuture(previous);
        }
        SocketAddress address = new InetSocketAddress(addresses[index], host.port());
        return connectAddress(host, address, false, password).handle((connection, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(connection);
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof PostgresException && !((PostgresException) cause).isClientSide()) {
                return CompletableFuture.<PgConnection>failedFuture(cause);
            }
            return connectEach(host, addresses, index + 1, cause, password);
        }).thenCompose(f -> f);
    }

    /** libpq does not use TLS over Unix sockets, whatever the sslmode. */
    private CompletableFuture<PgConnection> connectAddress(HostAndPort host, SocketAddress address, boolean unix,
            String password) {
        SslMode mode = options.sslMode();
        if (unix || mode == SslMode.DISABLE || mode == SslMode.ALLOW) {
            CompletableFuture<PgConnection> plain = attempt(host, address, unix, TlsStep.NONE, password);
            if (!unix && mode == SslMode.ALLOW) {
                return retryOnRejection(plain, () -> attempt(host, address, false, TlsStep.SSL_REQUEST, password));
            }
            return plain;
        }
        TlsStep step = options.sslNegotiation() == SslNegotiation.DIRECT ? TlsStep.DIRECT : TlsStep.SSL_REQUEST;
        CompletableFuture<PgConnection> secure = attempt(host, address, false, step, password);
        if (mode == SslMode.PREFER) {
            return retryOnRejection(secure, () -> attempt(host, address, false, TlsStep.NONE, password));
        }
        return secure;
    }

    /** libpq's allow and prefer: on a TLS failure or an authentication rejection, try the other way once. */
    private static CompletableFuture<PgConnection> retryOnRejection(CompletableFuture<PgConnection> first,
            java.util.function.Supplier<CompletableFuture<PgConnection>> second) {
        return first.handle((connection, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(connection);
            }
            Throwable cause = unwrap(failure);
            boolean retry = isTlsFailure(cause)
                    || (cause instanceof PostgresException && "28000".equals(((PostgresException) cause).getSqlState()));
            return retry ? second.get() : CompletableFuture.<PgConnection>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    private static boolean isTlsFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    private enum TlsStep { NONE, SSL_REQUEST, DIRECT }

    private CompletableFuture<PgConnection> attempt(HostAndPort host, SocketAddress address, boolean unix, TlsStep tls,
            String password) {
        CompletableFuture<PgConnection> result = new CompletableFuture<>();
        Duration timeout = options.connectTimeout();
        long timeoutMillis = timeout == null || timeout.isZero() ? 0 : Math.max(1, timeout.toMillis());
        Bootstrap bootstrap = new Bootstrap()
                .group(Transports.group())
                .channel(unix ? Transports.domainSocketChannel() : Transports.socketChannel())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        // handlers are added once we know whether TLS is on
                    }
                });
        if (timeoutMillis > 0) {
            bootstrap.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
        }
        if (!unix) {
            SocketOptions.apply(bootstrap, options, Transports.isEpoll());
        }
        ChannelFuture connecting = bootstrap.connect(address);
        Channel channel = connecting.channel();
        result.whenComplete((connection, failure) -> {
            if (failure != null) {
                channel.close();
            }
        });
        if (timeoutMillis > 0) {
            ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
                result.completeExceptionally(new ConnectTimeoutException(describe(host), timeout,
                        Duration.ofMillis(timeoutMillis), null));
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            result.whenComplete((connection, failure) -> deadline.cancel(false));
        }
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                result.completeExceptionally(PostgresExceptions.clientSide("08001", "could not connect to "
                        + describe(host) + ": " + socketError(done.cause()), done.cause()));
                return;
            }
            if (unix && options.requirePeer() != null) {
                checkPeerThenStart(channel, host, tls, result, password);
            } else {
                start(channel, host, tls, result, password);
            }
        });
        return result;
    }

    /** libpq's requirepeer, checked off the event loop (it looks up users and files), before anything is sent. */
    private void checkPeerThenStart(Channel channel, HostAndPort host, TlsStep tls, CompletableFuture<PgConnection> result,
            String password) {
        CompletableFuture.supplyAsync(() -> PeerCheck.failure(channel, options.requirePeer()), RESOLVER)
                .whenCompleteAsync((failure, error) -> {
                    if (error != null || failure != null) {
                        result.completeExceptionally(PostgresExceptions.clientSide("08001",
                                (failure != null ? failure : "could not check the peer: " + error.getMessage()) + " ("
                                        + describe(host) + ")", error));
                    } else if (!result.isDone()) {
                        start(channel, host, tls, result, password);
                    }
                }, channel.eventLoop());
    }

    private void start(Channel channel, HostAndPort host, TlsStep tls, CompletableFuture<PgConnection> result,
            String password) {
        switch (tls) {
            case NONE:
                startup(channel, host, null, false, result, password);
                break;
            case DIRECT:
                handshake(channel, host, true, result, password);
                break;
            default:
                requestSsl(channel, host, result, password);
        }
    }

    private void requestSsl(Channel channel, HostAndPort host, CompletableFuture<PgConnection> result, String password) {
        SslResponseHandler answer = new SslResponseHandler();
        channel.pipeline().addLast(answer);
        ByteBuf request = channel.alloc().buffer(8);
        FrontendMessages.sslRequest(request);
        channel.writeAndFlush(request);
        answer.accepted().whenComplete((accepted, failure) -> {
            if (failure != null) {
                result.completeExceptionally(PostgresExceptions.clientSide("08001", "TLS negotiation with "
                        + describe(host) + " failed: " + failure.getMessage(), failure));
            } else if (accepted) {
                handshake(channel, host, false, result, password);
            } else if (options.sslMode().compareTo(SslMode.PREFER) > 0) {
                result.completeExceptionally(PostgresExceptions.clientSide("08001", "the server at " + describe(host)
                        + " does not support TLS, but sslmode is " + options.sslMode().keyword(), null));
            } else {
                startup(channel, host, null, false, result, password);
            }
        });
    }

    /** Builds (or takes the cached) TLS context off the event loop, since that reads files, then starts TLS. */
    private void handshake(Channel channel, HostAndPort host, boolean direct, CompletableFuture<PgConnection> result,
            String password) {
        CompletableFuture.supplyAsync(() -> TlsContexts.forOptions(options, direct), RESOLVER)
                .whenCompleteAsync((context, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(unwrap(failure));
                    } else if (!result.isDone()) {
                        startTls(channel, host, direct, context, result, password);
                    }
                }, channel.eventLoop());
    }

    private void startTls(Channel channel, HostAndPort host, boolean direct, SslContext context,
            CompletableFuture<PgConnection> result, String password) {
        SslHandler ssl = context.newHandler(channel.alloc(), host.host(), host.port());
        TlsParameters.configure(ssl.engine(), options, host.host());
        channel.pipeline().addFirst(ssl);
        channel.pipeline().addLast(HandshakeFailureSink.INSTANCE);
        ssl.handshakeFuture().addListener(done -> {
            if (!done.isSuccess()) {
                result.completeExceptionally(PostgresExceptions.clientSide("08001", "TLS handshake with "
                        + describe(host) + " failed: " + handshakeFailureReason(done.cause()), done.cause()));
                channel.close();
                return;
            }
            channel.pipeline().remove(HandshakeFailureSink.INSTANCE);
            String alpnFailure = direct ? alpnFailure(ssl.applicationProtocol()) : null;
            if (alpnFailure != null) {
                result.completeExceptionally(PostgresExceptions.clientSide("08001", alpnFailure + " (" + describe(host)
                        + ")", null));
                channel.close();
                return;
            }
            SSLSession session = ssl.engine().getSession();
            Certificate[] sent = session.getLocalCertificates();
            startup(channel, host, TlsContexts.peerCertificate(session), sent != null && sent.length > 0, result,
                    password);
        });
    }

    /**
     * Why a handshake failed: the message of the handshake exception, or of its cause where that
     * exception only wraps it (Netty's OpenSSL engine reports a rejected certificate as "General
     * OpenSslEngine problem", with the trust manager's reason, such as "revoked", as the cause).
     */
    static String handshakeFailureReason(Throwable failure) {
        Throwable reason = failure;
        while (reason instanceof SSLHandshakeException && reason.getCause() != null
                && reason.getCause().getMessage() != null) {
            reason = reason.getCause();
        }
        return reason.getMessage();
    }

    /** libpq's check of a direct TLS connection: the server must have selected ALPN {@code postgresql}. */
    static String alpnFailure(String selected) {
        if (selected == null) {
            return "direct SSL connection was established without ALPN protocol negotiation extension";
        }
        if (!selected.equals(TlsContexts.ALPN_POSTGRESQL)) {
            return "SSL connection was established with unexpected ALPN protocol";
        }
        return null;
    }

    /**
     * @param serverCertificate the server's TLS certificate, or null without TLS
     * @param certificateSent whether the TLS handshake sent a client certificate
     */
    private void startup(Channel channel, HostAndPort host, X509Certificate serverCertificate, boolean certificateSent,
            CompletableFuture<PgConnection> result, String password) {
        if (result.isDone()) {
            return;
        }
        Credentials credentials = new Credentials(options.user(), password, serverCertificate, options.channelBinding(),
                options.requireAuth(), options.sslCertMode() == SslCertMode.REQUIRE && !certificateSent);
        StatementCache cache = new StatementCache(options.statementCacheSize(),
                options.maxCachedStatementLifetime().toNanos(), options.maxCacheableStatementSize());
        Listeners listeners = new Listeners();
        ConnectionCore core = new ConnectionCore(channel, codecs, cache, listeners, sharedTypes);
        PgConnection connection = new PgConnection(core, describe(host), options.commandTimeout(), listeners,
                options.rewriteBatchedInserts());
        listeners.attach(connection);
        channel.pipeline().addLast("frames", new FrameDecoder(core, options.maxMessageSize()));
        channel.pipeline().addLast("core", core);
        core.submit(new StartupCommand(startupParameters(), credentials, options.minProtocolVersion(),
                        options.maxProtocolVersion()))
                .thenCompose(version -> {
                    core.protocolVersion(version);
                    return detectPooler(core, cache);
                })
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(unwrap(failure));
                    } else if (!result.complete(connection)) {
                        connection.terminate();
                    }
                });
    }

    /**
     * Turns the statement cache off behind a pooler (PgBouncer and the like answer the start-up
     * themselves, with a process id of their own): in transaction or statement mode it runs each
     * transaction on whichever server session is free, where a statement prepared in an earlier
     * one does not exist. One round trip, only when the cache is on.
     */
    private static CompletableFuture<Void> detectPooler(ConnectionCore core, StatementCache cache) {
        if (!cache.keepsNamedStatements()) {
            return CompletableFuture.completedFuture(null);
        }
        return core.submit(new BackendPidQuery()).thenAccept(backendPid -> {
            if (backendPid != core.processId()) {
                core.execute(cache::poolerDetected);
            }
        });
    }

    /**
     * The password for this host: the given one or the supplier's, else the password file's
     * entry for this host (a socket directory also matches {@code localhost} there). Runs off
     * the event loop.
     */
    private String password(HostAndPort host) {
        String password;
        try {
            password = options.password();
        } catch (RuntimeException e) {
            throw PostgresExceptions.clientSide("08001", "the password supplier failed: " + e, e);
        }
        if ((password == null || password.isEmpty()) && options.passfile() != null) {
            String fromFile = PgPassFile.lookup(options.passfile(), host.host(), host.port(), options.database(),
                    options.user());
            password = fromFile != null ? fromFile : password;
        }
        return password;
    }

    private Map<String, String> startupParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", options.user());
        parameters.put("database", options.database());
        parameters.put("client_encoding", "UTF8");
        parameters.put("DateStyle", "ISO");
        if (options.applicationName() != null) {
            parameters.put("application_name", options.applicationName());
        }
        if (options.options() != null) {
            parameters.put("options", options.options());
        }
        parameters.putAll(options.serverSettings());
        return parameters;
    }

    /**
     * The operating system's reason, without the transport's decoration: epoll says
     * {@code "finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:5432"},
     * NIO {@code "Connection refused: /127.0.0.1:5432"}; both become {@code "Connection refused"}.
     */
    static String socketError(Throwable failure) {
        String message = failure.getMessage();
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        return SOCKET_ERROR_ADDRESS.matcher(SOCKET_ERROR_PREFIX.matcher(message).replaceFirst("")).replaceFirst("");
    }

    static String describe(HostAndPort host) {
        return isUnixSocket(host) ? host.host() + "/.s.PGSQL." + host.port() : host.toString();
    }

    static Throwable unwrap(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
