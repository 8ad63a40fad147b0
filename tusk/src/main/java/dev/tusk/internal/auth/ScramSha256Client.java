package dev.tusk.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The client side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL runs it:
 * {@link #clientFirstMessage()} goes in SASLInitialResponse, {@link #clientFinalMessage} answers
 * AuthenticationSASLContinue and {@link #verifyServerFinalMessage} checks
 * AuthenticationSASLFinal. The user name is sent empty because PostgreSQL takes it from the
 * startup message.
 *
 * <p>Each step may run once and in order; a step that fails leaves the exchange unusable. The
 * password bytes and derived keys are overwritten as soon as they are no longer needed and never
 * appear in a message or in {@link #toString()}.
 */
public final class ScramSha256Client {

    /** How the client treats channel binding, as libpq's {@code channel_binding} option. */
    public enum ChannelBindingMode {
        /** Never bind to the TLS channel. */
        DISABLE,
        /** Bind when the connection uses TLS and the server offers SCRAM-SHA-256-PLUS. */
        PREFER,
        /** Refuse to authenticate without binding to the TLS channel. */
        REQUIRE
    }

    /** The mechanism without channel binding. */
    public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    /** The mechanism with channel binding. */
    public static final String SCRAM_SHA_256_PLUS = "SCRAM-SHA-256-PLUS";

    private static final int NONCE_BYTES = 18;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State { INITIAL, FIRST_SENT, FINAL_SENT, VERIFIED, FAILED }

    private final ChannelBinding binding;
    private final String user;
    private final String clientNonce;
    private final byte[] password;
    private String clientFirstMessageBare;
    private byte[] expectedServerSignature;
    private State state = State.INITIAL;

    /**
     * Starts an exchange with a fresh random nonce.
     *
     * @param password the password; SASLprep'd as PostgreSQL does
     * @param binding how the gs2 header states channel binding, and the binding data if any
     * @throws AuthenticationException if the password is empty, which libpq also refuses for SCRAM
     */
    public ScramSha256Client(String password, ChannelBinding binding) {
        this(password, binding, "", newNonce());
    }

    /** Starts an exchange with a given user name and client nonce; for the RFC test vectors. */
    ScramSha256Client(String password, ChannelBinding binding, String user, String clientNonce) {
        if (password.isEmpty()) {
            throw new AuthenticationException("SCRAM authentication needs a non-empty password");
        }
        this.password = SaslPrep.passwordBytes(password);
        this.binding = binding;
        this.user = user;
        this.clientNonce = clientNonce;
    }

    /**
     * Chooses the SASL mechanism as libpq does: SCRAM-SHA-256-PLUS when the connection uses TLS,
     * the server offers it and binding is not disabled; otherwise SCRAM-SHA-256.
     *
     * @param serverMechanisms the mechanisms listed in AuthenticationSASL
     * @param channelBindingAvailable whether the connection uses TLS and the server certificate is known
     * @param mode the channel binding policy
     * @throws AuthenticationException if no offered mechanism is supported, if binding is required
     *     but SCRAM-SHA-256-PLUS cannot be used, or if the server offers SCRAM-SHA-256-PLUS without
     *     TLS (a sign that a proxy stripped TLS; the server would refuse an unbound exchange anyway)
     */
    public static String selectMechanism(
            List<String> serverMechanisms, boolean channelBindingAvailable, ChannelBindingMode mode) {
        String selected = null;
        for (String mechanism : serverMechanisms) {
            if (mechanism.equals(SCRAM_SHA_256_PLUS)) {
                if (!channelBindingAvailable) {
                    throw new AuthenticationException("the server offered " + SCRAM_SHA_256_PLUS
                            + " authentication over a connection without TLS");
                }
                if (mode != ChannelBindingMode.DISABLE) {
                    selected = SCRAM_SHA_256_PLUS;
                }
            } else if (mechanism.equals(SCRAM_SHA_256) && selected == null) {
                selected = SCRAM_SHA_256;
            }
        }
        if (selected == null) {
            throw new AuthenticationException("none of the server's SASL authentication mechanisms "
                    + serverMechanisms + " is supported (expected: " + SCRAM_SHA_256 + " or "
                    + SCRAM_SHA_256_PLUS + ")");
        }
        if (mode == ChannelBindingMode.REQUIRE && !selected.equals(SCRAM_SHA_256_PLUS)) {
            throw new AuthenticationException("channel binding is required, but the server offered "
                    + serverMechanisms + (channelBindingAvailable ? "" : " over a connection without TLS")
                    + ", none of which binds to the channel");
        }
        return selected;
    }

    /** The RFC 5929 {@code tls-server-end-point} binding data for the server's certificate. */
    public static byte[] tlsServerEndPointHash(X509Certificate cert) {
        return TlsServerEndPoint.hash(cert);
    }

    /** The mechanism name to send in SASLInitialResponse. */
    public String mechanism() {
        return binding.isBound() ? SCRAM_SHA_256_PLUS : SCRAM_SHA_256;
    }

    /** Whether the exchange bound to the TLS channel and the server proved its signature. */
    public boolean channelBound() {
        return binding.isBound() && state == State.VERIFIED;
    }

    /** The client-first-message: {@code gs2-header n=,r=<nonce>}. */
    public byte[] clientFirstMessage() {
        expect(State.INITIAL, "client-first-message");
        clientFirstMessageBare = "n=" + saslName(user) + ",r=" + clientNonce;
        state = State.FIRST_SENT;
        return (binding.gs2Header() + clientFirstMessageBare).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Answers the server-first-message with the client-final-message
     * {@code c=<binding>,r=<nonce>,p=<proof>}.
     *
     * @throws AuthenticationException if the server message is malformed, its nonce does not
     *     extend ours, or its iteration count is out of bounds
     */
    public byte[] clientFinalMessage(byte[] serverFirstMessage) {
        expect(State.FIRST_SENT, "server-first-message");
        state = State.FAILED;
        try {
            ServerFirstMessage serverFirst = ServerFirstMessage.parse(serverFirstMessage, clientNonce, MAX_ITERATIONS);
            String withoutProof = "c=" + binding.channelBindingAttribute() + ",r=" + serverFirst.nonce();
            byte[] authMessage = (clientFirstMessageBare + "," + serverFirst.text() + "," + withoutProof)
                    .getBytes(StandardCharsets.UTF_8);

            byte[] saltedPassword = ScramCrypto.hi(password, serverFirst.salt(), serverFirst.iterations());
            byte[] clientKey = ScramCrypto.hmac(saltedPassword, "Client Key");
            byte[] storedKey = ScramCrypto.sha256(clientKey);
            byte[] proof = ScramCrypto.hmac(storedKey, authMessage);
            for (int i = 0; i < proof.length; i++) {
                proof[i] ^= clientKey[i];
            }
            byte[] serverKey = ScramCrypto.hmac(saltedPassword, "Server Key");
            expectedServerSignature = ScramCrypto.hmac(serverKey, authMessage);
            wipe(saltedPassword, clientKey, storedKey, serverKey);

            state = State.FINAL_SENT;
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        } finally {
            // The password is needed exactly once, whether or not the server's message was good.
            wipe(password);
        }
    }

    /**
     * Checks the server-final-message: the server proves it knows the password by sending the
     * signature only a holder of the stored secret can compute.
     *
     * @throws AuthenticationException if the message carries {@code e=}, is malformed, or its
     *     signature is not the expected one
     */
    public void verifyServerFinalMessage(byte[] serverFinal) {
        expect(State.FINAL_SENT, "server-final-message");
        state = State.FAILED;
        byte[] signature = ServerFinalMessage.signature(serverFinal);
        boolean match = MessageDigest.isEqual(expectedServerSignature, signature);
        Arrays.fill(expectedServerSignature, (byte) 0);
        if (!match) {
            throw new AuthenticationException("SCRAM server signature mismatch: the server does not "
                    + "know the password's SCRAM secret, or the exchange was tampered with");
        }
        state = State.VERIFIED;
    }

    private void expect(State expected, String step) {
        if (state != expected) {
            throw new AuthenticationException("unexpected SCRAM " + step + " (exchange state: "
                    + state + ", expected: " + expected + ")");
        }
    }

    /** RFC 5802 saslname: ',' and '=' are escaped. */
    private static String saslName(String user) {
        return user.replace("=", "=3D").replace(",", "=2C");
    }

    private static void wipe(byte[]... secrets) {
        for (byte[] secret : secrets) {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static String newNonce() {
        byte[] random = new byte[NONCE_BYTES];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    @Override
    public String toString() {
        return "ScramSha256Client[mechanism=" + mechanism() + ", binding=" + binding + ", state=" + state + "]";
    }

    /**
     * What the gs2 header tells the server about channel binding, and the binding data: none
     * ({@code n,,}), supported by the client but not offered by the server ({@code y,,}), or
     * {@code tls-server-end-point} with the certificate hash ({@code p=tls-server-end-point,,}).
     */
    public static final class ChannelBinding {

        private static final ChannelBinding NONE = new ChannelBinding("n,,", new byte[0]);
        private static final ChannelBinding SUPPORTED_BUT_NOT_USED = new ChannelBinding("y,,", new byte[0]);

        private final String gs2Header;
        private final byte[] data;

        private ChannelBinding(String gs2Header, byte[] data) {
            this.gs2Header = gs2Header;
            this.data = data;
        }

        /** The client does not support channel binding, or the connection has no TLS. */
        public static ChannelBinding none() {
            return NONE;
        }

        /**
         * The client could bind but the server did not offer SCRAM-SHA-256-PLUS; telling it lets
         * a server that does support binding detect a downgrade.
         */
        public static ChannelBinding supportedButNotUsed() {
            return SUPPORTED_BUT_NOT_USED;
        }

        /**
         * Bind to the TLS channel with RFC 5929 {@code tls-server-end-point} data.
         *
         * @param certificateHash the result of {@link ScramSha256Client#tlsServerEndPointHash}
         * @throws AuthenticationException if the hash is empty
         */
        public static ChannelBinding tlsServerEndPoint(byte[] certificateHash) {
            if (certificateHash.length == 0) {
                throw new AuthenticationException("tls-server-end-point channel binding data is empty");
            }
            return new ChannelBinding("p=tls-server-end-point,,", certificateHash.clone());
        }

        boolean isBound() {
            return data.length > 0;
        }

        String gs2Header() {
            return gs2Header;
        }

        /** The {@code c=} attribute: base64 of the gs2 header followed by the binding data. */
        String channelBindingAttribute() {
            byte[] header = gs2Header.getBytes(StandardCharsets.US_ASCII);
            byte[] input = Arrays.copyOf(header, header.length + data.length);
            System.arraycopy(data, 0, input, header.length, data.length);
            return Base64.getEncoder().encodeToString(input);
        }

        @Override
        public String toString() {
            return isBound() ? "tls-server-end-point" : gs2Header.startsWith("y") ? "supported-not-used" : "none";
        }
    }
}
