package dev.tusk.internal.command;

import dev.tusk.AuthenticationMethod;
import dev.tusk.ProtocolVersion;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.auth.AuthenticationException;
import dev.tusk.internal.auth.Md5Password;
import dev.tusk.internal.auth.ScramSha256Client;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.MalformedMessageException;
import dev.tusk.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The startup exchange: StartupMessage, authentication (trust, cleartext, MD5, SCRAM-SHA-256
 * with or without channel binding), then ParameterStatus and BackendKeyData up to the first
 * ReadyForQuery.
 */
public final class StartupCommand extends Command<ProtocolVersion> {

    private static final int AUTH_OK = 0;
    private static final int AUTH_KERBEROS_V5 = 2;
    private static final int AUTH_CLEARTEXT = 3;
    private static final int AUTH_MD5 = 5;
    private static final int AUTH_GSS = 7;
    private static final int AUTH_GSS_CONTINUE = 8;
    private static final int AUTH_SSPI = 9;
    private static final int AUTH_SASL = 10;
    private static final int AUTH_SASL_CONTINUE = 11;
    private static final int AUTH_SASL_FINAL = 12;

    private final Map<String, String> startupParameters;
    private final Credentials credentials;
    private final ProtocolVersion minVersion;
    private ProtocolVersion version;
    private ScramSha256Client scram;
    private boolean serverProofVerified;
    private boolean clientFinishedAuthentication;
    private boolean authenticated;

    /**
     * @param minVersion the oldest protocol version to accept
     * @param maxVersion the protocol version to ask for; the server may answer with an older one
     */
    public StartupCommand(Map<String, String> startupParameters, Credentials credentials,
            ProtocolVersion minVersion, ProtocolVersion maxVersion) {
        this.startupParameters = startupParameters;
        this.credentials = credentials;
        this.minVersion = minVersion;
        this.version = maxVersion;
    }

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        FrontendMessages.startup(out, version.code(), startupParameters);
        return true;
    }

    /**
     * NegotiateProtocolVersion: the server speaks an older minor version than asked for (and lists
     * the {@code _pq_} options it does not know; Tusk sends none). It goes on with the start-up.
     */
    private void negotiate(ByteBuf body, int end) {
        int offered = Wire.readInt(body, end);
        ProtocolVersion negotiated = ProtocolVersion.fromCode(offered);
        if (negotiated == null || negotiated.compareTo(version) >= 0) {
            throw new MalformedMessageException("NegotiateProtocolVersion offers " + (offered >>> 16) + "."
                    + (offered & 0xFFFF) + " in answer to " + version.keyword());
        }
        if (negotiated.compareTo(minVersion) < 0) {
            throw PostgresExceptions.clientSide("08004", "the server speaks protocol " + negotiated.keyword()
                    + " only, but min_protocol_version is " + minVersion.keyword(), null);
        }
        version = negotiated;
    }

    @Override
    public boolean handle(byte type, ByteBuf body, int end, CommandContext context) {
        switch (type) {
            case BackendMessage.AUTHENTICATION:
                authenticate(body, end, context);
                return false;
            case BackendMessage.NEGOTIATE_PROTOCOL_VERSION:
                if (authenticated) {
                    throw unexpected(type);
                }
                negotiate(body, end);
                return false;
            case BackendMessage.BACKEND_KEY_DATA:
                int processId = Wire.readInt(body, end);
                int keyLength = end - body.readerIndex();
                if (keyLength < 4 || keyLength > 256) {
                    throw new MalformedMessageException("BackendKeyData secret key length: " + keyLength
                            + " (expected: 4 to 256)");
                }
                byte[] secretKey = new byte[keyLength];
                body.readBytes(secretKey);
                context.backendKey(processId, secretKey);
                return false;
            case BackendMessage.ERROR_RESPONSE:
                future.completeExceptionally(PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end)));
                return true;
            case BackendMessage.READY_FOR_QUERY:
                if (!authenticated) {
                    throw unexpected(type);
                }
                future.complete(version);
                return true;
            default:
                throw unexpected(type);
        }
    }

    private void authenticate(ByteBuf body, int end, CommandContext context) {
        int request = Wire.readInt(body, end);
        if (authenticated) {
            throw new MalformedMessageException("authentication request " + request + " after AuthenticationOk");
        }
        ByteBuf out = context.outBuffer();
        switch (request) {
            case AUTH_OK:
                if (scram != null && !serverProofVerified) {
                    throw new AuthenticationException(
                            "the server accepted SCRAM authentication without proving it knows the password");
                }
                credentials.requireBoundAuthentication(scram);
                credentials.requireCompletedExchange(clientFinishedAuthentication);
                credentials.requireSentCertificate();
                authenticated = true;
                return;
            case AUTH_CLEARTEXT:
                credentials.allow(AuthenticationMethod.PASSWORD, "a cleartext password");
                credentials.refuseCleartextIfRequired();
                FrontendMessages.password(out, password().getBytes(StandardCharsets.UTF_8));
                clientFinishedAuthentication = true;
                break;
            case AUTH_MD5:
                credentials.allow(AuthenticationMethod.MD5, "a hashed password");
                Wire.require(body, end, 4);
                byte[] salt = new byte[4];
                body.readBytes(salt);
                credentials.refuseCleartextIfRequired();
                FrontendMessages.password(out, Md5Password.encode(credentials.user(), password(), salt));
                clientFinishedAuthentication = true;
                break;
            case AUTH_SASL:
                credentials.allow(AuthenticationMethod.SCRAM_SHA_256, "SASL authentication");
                List<String> mechanisms = new ArrayList<>();
                for (String mechanism = Wire.readCString(body, end); !mechanism.isEmpty();
                        mechanism = Wire.readCString(body, end)) {
                    mechanisms.add(mechanism);
                }
                scram = credentials.newScramClient(mechanisms, password());
                FrontendMessages.saslInitialResponse(out, scram.mechanism(), scram.clientFirstMessage());
                break;
            case AUTH_SASL_CONTINUE:
                FrontendMessages.saslResponse(out, scram().clientFinalMessage(rest(body, end)));
                break;
            case AUTH_SASL_FINAL:
                scram().verifyServerFinalMessage(rest(body, end));
                serverProofVerified = true;
                clientFinishedAuthentication = true;
                return;
            case AUTH_GSS:
            case AUTH_GSS_CONTINUE:
                credentials.allow(AuthenticationMethod.GSS, "GSSAPI authentication");
                throw unsupported(request);
            case AUTH_SSPI:
                credentials.allow(AuthenticationMethod.SSPI, "SSPI authentication");
                throw unsupported(request);
            case AUTH_KERBEROS_V5:
                throw unsupported(request);
            default:
                throw new MalformedMessageException("unknown authentication request " + request);
        }
        context.flushSoon();
    }

    private static InterfaceException unsupported(int request) {
        return new InterfaceException("the server asks for GSSAPI/SSPI/Kerberos authentication "
                + "(request " + request + "), which Tusk does not support; use scram-sha-256");
    }

    private ScramSha256Client scram() {
        if (scram == null) {
            throw new MalformedMessageException("SASL continuation without a SASL exchange");
        }
        return scram;
    }

    private String password() {
        String password = credentials.password();
        if (password == null) {
            throw new InterfaceException("the server asks for a password for user \"" + credentials.user()
                    + "\" but none was supplied (set it in the DSN, ConnectOptions, PGPASSWORD or the password file)");
        }
        return password;
    }

    private static byte[] rest(ByteBuf body, int end) {
        byte[] data = new byte[end - body.readerIndex()];
        body.readBytes(data);
        return data;
    }

    @Override
    public String describe() {
        return "connection startup";
    }
}
