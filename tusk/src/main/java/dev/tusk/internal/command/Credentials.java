package dev.tusk.internal.command;

import dev.tusk.AuthenticationMethod;
import dev.tusk.ChannelBinding;
import dev.tusk.internal.auth.AuthenticationException;
import dev.tusk.internal.auth.ScramSha256Client;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Who connects and how they may prove it: the user, the password (already resolved from the
 * options, a supplier or the password file), the server's TLS certificate for channel binding,
 * the channel binding policy and the authentication methods the server may ask for.
 * {@link #toString()} never shows the password.
 */
public final class Credentials {

    private final String user;
    private final String password;
    private final X509Certificate serverCertificate;
    private final ChannelBinding channelBinding;
    private final Set<AuthenticationMethod> allowedMethods;
    private final boolean requiredCertificateMissing;

    /**
     * @param user the role to log in as
     * @param password the resolved password, or null when none was found
     * @param serverCertificate the server's TLS leaf certificate, or null without TLS
     * @param channelBinding libpq's channel_binding setting
     * @param allowedMethods libpq's require_auth setting: the methods the server may ask for
     * @param requiredCertificateMissing whether sslcertmode=require holds and no client
     *        certificate was sent in the TLS handshake (or there was none)
     */
    public Credentials(String user, String password, X509Certificate serverCertificate, ChannelBinding channelBinding,
            Set<AuthenticationMethod> allowedMethods, boolean requiredCertificateMissing) {
        this.user = user;
        this.password = password;
        this.serverCertificate = serverCertificate;
        this.channelBinding = channelBinding;
        this.allowedMethods = EnumSet.copyOf(allowedMethods);
        this.requiredCertificateMissing = requiredCertificateMissing;
    }

    /** The role to log in as. */
    public String user() {
        return user;
    }

    /** The password, or null when none was supplied. */
    public String password() {
        return password;
    }

    /**
     * Fails unless require_auth allows the method the server asks for, before anything is sent
     * in answer (libpq's check, with its messages).
     */
    void allow(AuthenticationMethod requested, String request) {
        if (!allowedMethods.contains(requested)) {
            throw new AuthenticationException("authentication method requirement \"" + requireAuthKeyword()
                    + "\" failed: server requested " + request);
        }
    }

    /**
     * Called at AuthenticationOk: unless require_auth allows {@code none}, the client must have
     * finished an authentication exchange (sent its password, or verified the SCRAM server's proof).
     */
    void requireCompletedExchange(boolean clientFinished) {
        if (!clientFinished && !allowedMethods.contains(AuthenticationMethod.NONE)) {
            throw new AuthenticationException("authentication method requirement \"" + requireAuthKeyword()
                    + "\" failed: server did not complete authentication");
        }
    }

    /**
     * Called at AuthenticationOk: with sslcertmode=require, the server must not let the client in
     * without a certificate having been sent (libpq's check, with its message).
     */
    void requireSentCertificate() {
        if (requiredCertificateMissing) {
            throw new AuthenticationException("server accepted connection without a valid SSL certificate");
        }
    }

    /** The allowed methods in require_auth's own syntax: the shorter of the list and its negation. */
    private String requireAuthKeyword() {
        StringJoiner out = new StringJoiner(",");
        EnumSet<AuthenticationMethod> refused = EnumSet.complementOf(EnumSet.copyOf(allowedMethods));
        if (refused.size() < allowedMethods.size()) {
            refused.forEach(method -> out.add("!" + method.keyword()));
        } else {
            allowedMethods.forEach(method -> out.add(method.keyword()));
        }
        return out.toString();
    }

    /** With channel binding required, only SCRAM-SHA-256-PLUS may prove who we are. */
    void refuseCleartextIfRequired() {
        if (channelBinding == ChannelBinding.REQUIRE) {
            throw new AuthenticationException("channel binding is required, but the server asks for a "
                    + "password method that cannot bind to the channel");
        }
    }

    /**
     * Called at AuthenticationOk: with channel binding required, the server must have proved
     * itself through SCRAM-SHA-256-PLUS, not let us in by trust, cert or an unbound exchange
     * (libpq refuses the same).
     *
     * @param scram the SCRAM exchange that took place, or null when there was none
     */
    void requireBoundAuthentication(ScramSha256Client scram) {
        if (channelBinding == ChannelBinding.REQUIRE && (scram == null || !scram.channelBound())) {
            throw new AuthenticationException("channel binding is required, but the server authenticated "
                    + "the client without channel binding");
        }
    }

    ScramSha256Client newScramClient(List<String> serverMechanisms, String password) {
        boolean tls = serverCertificate != null;
        ScramSha256Client.ChannelBindingMode mode;
        switch (channelBinding) {
            case DISABLE:
                mode = ScramSha256Client.ChannelBindingMode.DISABLE;
                break;
            case REQUIRE:
                mode = ScramSha256Client.ChannelBindingMode.REQUIRE;
                break;
            default:
                mode = ScramSha256Client.ChannelBindingMode.PREFER;
        }
        String mechanism = ScramSha256Client.selectMechanism(serverMechanisms, tls, mode);
        ScramSha256Client.ChannelBinding binding;
        if (mechanism.endsWith("-PLUS")) {
            binding = ScramSha256Client.ChannelBinding.tlsServerEndPoint(
                    ScramSha256Client.tlsServerEndPointHash(serverCertificate));
        } else if (tls && mode != ScramSha256Client.ChannelBindingMode.DISABLE) {
            binding = ScramSha256Client.ChannelBinding.supportedButNotUsed();
        } else {
            binding = ScramSha256Client.ChannelBinding.none();
        }
        return new ScramSha256Client(password, binding);
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", channelBinding=" + channelBinding
                + ", allowedMethods=" + allowedMethods + "]";
    }
}
