package dev.tusk.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.internal.auth.ScramSha256Client.ChannelBinding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ScramSha256ClientTest {

    // RFC 7677 section 3.
    private static final String RFC_CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String RFC_SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String RFC_CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String RFC_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static final String SECRET = "hunter2-very-secret";
    private static final String NONCE = "fyko+d2lbbFgONRv9qkxdawL";

    @Test
    void clientFirstMessageMatchesRfc7677() {
        ScramSha256Client client = rfcClient();

        assertThat(ascii(client.clientFirstMessage())).isEqualTo("n,,n=user,r=" + RFC_CLIENT_NONCE);
    }

    @Test
    void clientFinalMessageMatchesRfc7677() {
        ScramSha256Client client = rfcClient();
        client.clientFirstMessage();

        assertThat(ascii(client.clientFinalMessage(bytes(RFC_SERVER_FIRST)))).isEqualTo(RFC_CLIENT_FINAL);
    }

    @Test
    void serverSignatureFromRfc7677IsAccepted() {
        ScramSha256Client client = rfcClient();
        client.clientFirstMessage();
        client.clientFinalMessage(bytes(RFC_SERVER_FIRST));

        client.verifyServerFinalMessage(bytes(RFC_SERVER_FINAL));
    }

    @Test
    void sendsEmptyUserNameAndFreshEighteenByteBase64Nonce() {
        String first = ascii(new ScramSha256Client(SECRET, ChannelBinding.none()).clientFirstMessage());
        String other = ascii(new ScramSha256Client(SECRET, ChannelBinding.none()).clientFirstMessage());

        assertThat(first).matches("n,,n=,r=[A-Za-z0-9+/]{24}");
        assertThat(Base64.getDecoder().decode(first.substring("n,,n=,r=".length()))).hasSize(18);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void wrongServerSignatureFails() {
        ScramSha256Client client = rfcClient();
        client.clientFirstMessage();
        client.clientFinalMessage(bytes(RFC_SERVER_FIRST));

        byte[] otherSignature = bytes("v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");

        assertThatThrownBy(() -> client.verifyServerFinalMessage(otherSignature))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("SCRAM server signature mismatch");
    }

    @Test
    void serverNonceThatDoesNotExtendOursFails() {
        ScramSha256Client client = rfcClient();
        client.clientFirstMessage();

        assertThatThrownBy(() -> client.clientFinalMessage(bytes(RFC_SERVER_FIRST.replace("rOprNG", "xOprNG"))))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("SCRAM server nonce does not start with the client nonce");
    }

    @Test
    void serverNonceEqualToOursFails() {
        ScramSha256Client client = rfcClient();
        client.clientFirstMessage();

        byte[] sameNonce = bytes("r=" + RFC_CLIENT_NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");

        assertThatThrownBy(() -> client.clientFinalMessage(sameNonce))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("nonce");
    }

    @Test
    void serverErrorAttributeFailsNamingTheError() {
        ScramSha256Client client = rfcClient();
        client.clientFirstMessage();
        client.clientFinalMessage(bytes(RFC_SERVER_FIRST));

        assertThatThrownBy(() -> client.verifyServerFinalMessage(bytes("e=invalid-proof")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("the server rejected the SCRAM exchange: invalid-proof");
    }

    @Test
    void serverFinalMessageWithoutVerifierOrErrorFails() {
        ScramSha256Client client = rfcClient();
        client.clientFirstMessage();
        client.clientFinalMessage(bytes(RFC_SERVER_FIRST));

        assertThatThrownBy(() -> client.verifyServerFinalMessage(bytes("x=1")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("expected v= or e=");
    }

    @Test
    void iterationCountBelowOneFailsNamingTheBound() {
        assertThatThrownBy(() -> finalWith("r=" + NONCE + "srv,s=QSXCR+Q6sek8bf92,i=0"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("SCRAM iteration count: 0 (expected: >= 1)");
    }

    @Test
    void absurdIterationCountFailsBeforeDerivingTheKey() {
        assertThatThrownBy(() -> finalWith("r=" + NONCE + "srv,s=QSXCR+Q6sek8bf92,i=2000000000"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("SCRAM iteration count: 2000000000 (expected: <= 10000000)");
    }

    @Test
    void nonNumericIterationCountFails() {
        assertThatThrownBy(() -> finalWith("r=" + NONCE + "srv,s=QSXCR+Q6sek8bf92,i=-5"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("SCRAM iteration count is not a number: \"-5\"");
    }

    @Test
    void saltThatIsNotBase64Fails() {
        assertThatThrownBy(() -> finalWith("r=" + NONCE + "srv,s=!!!,i=4096"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("SCRAM salt is not valid base64");
    }

    @Test
    void missingSaltAttributeFails() {
        assertThatThrownBy(() -> finalWith("r=" + NONCE + "srv,i=4096"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("malformed SCRAM server-first-message: expected attribute s= at position 2 of 2");
    }

    @Test
    void mandatoryExtensionIsRefused() {
        assertThatThrownBy(() -> finalWith("m=ext,r=" + NONCE + "srv,s=QSXCR+Q6sek8bf92,i=4096"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("mandatory extension");
    }

    @Test
    void stepsOutOfOrderFail() {
        ScramSha256Client client = rfcClient();

        assertThatThrownBy(() -> client.clientFinalMessage(bytes(RFC_SERVER_FIRST)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("unexpected SCRAM server-first-message (exchange state: INITIAL, expected: FIRST_SENT)");
        client.clientFirstMessage();
        assertThatThrownBy(() -> client.verifyServerFinalMessage(bytes(RFC_SERVER_FINAL)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("unexpected SCRAM server-final-message");
    }

    @Test
    void failedExchangeCannotContinue() {
        ScramSha256Client client = rfcClient();
        client.clientFirstMessage();
        assertThatThrownBy(() -> client.clientFinalMessage(bytes("r=bogus,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")))
                .isInstanceOf(AuthenticationException.class);

        assertThatThrownBy(() -> client.clientFinalMessage(bytes(RFC_SERVER_FIRST)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("exchange state: FAILED");
    }

    @Test
    void noChannelBindingSendsGs2HeaderN() {
        ScramSha256Client client = new ScramSha256Client(SECRET, ChannelBinding.none(), "", NONCE);

        assertThat(client.mechanism()).isEqualTo("SCRAM-SHA-256");
        assertThat(ascii(client.clientFirstMessage())).startsWith("n,,n=,r=");
        assertThat(ascii(client.clientFinalMessage(bytes(serverFirst())))).startsWith("c=biws,");
    }

    @Test
    void bindingSupportedButNotOfferedSendsGs2HeaderY() {
        ScramSha256Client client = new ScramSha256Client(SECRET, ChannelBinding.supportedButNotUsed(), "", NONCE);

        assertThat(client.mechanism()).isEqualTo("SCRAM-SHA-256");
        assertThat(ascii(client.clientFirstMessage())).startsWith("y,,n=,r=");
        assertThat(ascii(client.clientFinalMessage(bytes(serverFirst())))).startsWith("c=eSws,");
    }

    @Test
    void tlsServerEndPointBindingSendsGs2HeaderPAndCertificateHash() {
        byte[] hash = {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF};
        ScramSha256Client client = new ScramSha256Client(SECRET, ChannelBinding.tlsServerEndPoint(hash), "", NONCE);

        assertThat(client.mechanism()).isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(ascii(client.clientFirstMessage())).isEqualTo("p=tls-server-end-point,,n=,r=" + NONCE);
        byte[] cbindInput = concat(bytes("p=tls-server-end-point,,"), hash);
        assertThat(ascii(client.clientFinalMessage(bytes(serverFirst()))))
                .startsWith("c=" + Base64.getEncoder().encodeToString(cbindInput) + ",r=" + NONCE + "srv,p=");
    }

    @Test
    void exchangeWithChannelBindingIsAcceptedByAnIndependentServer() {
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) 7);
        ScramSha256Client client = new ScramSha256Client(SECRET, ChannelBinding.tlsServerEndPoint(hash));
        ScramTestServer server = new ScramTestServer(SECRET, 4096, hash);

        String serverFirst = server.serverFirst(ascii(client.clientFirstMessage()));
        String serverFinal = server.serverFinal(ascii(client.clientFinalMessage(bytes(serverFirst))));
        client.verifyServerFinalMessage(bytes(serverFinal));

        assertThat(client.channelBound()).isTrue();
    }

    @Test
    void passwordIsSaslPreppedBeforeDerivingKeys() {
        ScramSha256Client client = new ScramSha256Client("I\u00ADX\u00A0\u2168", ChannelBinding.none());
        ScramTestServer server = new ScramTestServer("IX IX", 1, new byte[0]);

        String serverFirst = server.serverFirst(ascii(client.clientFirstMessage()));
        String serverFinal = server.serverFinal(ascii(client.clientFinalMessage(bytes(serverFirst))));
        client.verifyServerFinalMessage(bytes(serverFinal));

        assertThat(client.channelBound()).isFalse();
    }

    @Test
    void emptyChannelBindingDataIsRefused() {
        assertThatThrownBy(() -> ChannelBinding.tlsServerEndPoint(new byte[0]))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("tls-server-end-point channel binding data is empty");
    }

    @Test
    void emptyPasswordIsRefused() {
        assertThatThrownBy(() -> new ScramSha256Client("", ChannelBinding.none()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("SCRAM authentication needs a non-empty password");
    }

    @Test
    void passwordNeverAppearsInToStringOrFailureMessages() {
        ScramSha256Client client = new ScramSha256Client(SECRET, ChannelBinding.none(), "", NONCE);
        assertThat(client.toString()).doesNotContain(SECRET).contains("SCRAM-SHA-256");
        client.clientFirstMessage();
        client.clientFinalMessage(bytes(serverFirst()));

        assertThatThrownBy(() -> client.verifyServerFinalMessage(bytes("v=AAAA")))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThat(client.toString()).doesNotContain(SECRET);
    }

    private static ScramSha256Client rfcClient() {
        return new ScramSha256Client("pencil", ChannelBinding.none(), "user", RFC_CLIENT_NONCE);
    }

    private static void finalWith(String serverFirst) {
        ScramSha256Client client = new ScramSha256Client(SECRET, ChannelBinding.none(), "", NONCE);
        client.clientFirstMessage();
        client.clientFinalMessage(bytes(serverFirst));
    }

    private static String serverFirst() {
        return "r=" + NONCE + "srv,s=QSXCR+Q6sek8bf92,i=16";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String ascii(byte[] message) {
        return new String(message, StandardCharsets.US_ASCII);
    }
}
