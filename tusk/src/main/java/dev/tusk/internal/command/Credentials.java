package dev.tusk.internal.command;

import dev.tusk.ChannelBinding;
import dev.tusk.internal.auth.AuthenticationException;
import dev.tusk.internal.auth.ScramSha256Client;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Who connects and how they may prove it: the user, the password (already resolved from the
 * options, a supplier or the password file), the server's TLS certificate for channel binding,
 * and the channel binding policy. {@link #toString()} never shows the password.
 */
public final class Credentials {

    private final String user;
    private final String password;
    private final X509Certificate serverCertificate;
    private final ChannelBinding channelBinding;

    /**
     * @param user the role to log in as
     * @param password the resolved password, or null when none was found
     * @param serverCertificate the server's TLS leaf certificate, or null without TLS
     * @param channelBinding libpq's channel_binding setting
     */
    public Credentials(String user, String password, X509Certificate serverCertificate, ChannelBinding channelBinding) {
        this.user = user;
        this.password = password;
        this.serverCertificate = serverCertificate;
        this.channelBinding = channelBinding;
    }

    /** The role to log in as. */
    public String user() {
        return user;
    }

    /** The password, or null when none was supplied. */
    public String password() {
        return password;
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
                + ", channelBinding=" + channelBinding + "]";
    }
}
