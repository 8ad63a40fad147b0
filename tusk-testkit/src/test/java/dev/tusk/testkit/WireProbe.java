package dev.tusk.testkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Just enough of the PostgreSQL wire protocol to see how a server answers a start-up: which
 * authentication it asks for, and whether a password is accepted. The kit has no driver.
 */
final class WireProbe implements AutoCloseable {

    /** AuthenticationRequest codes of interest. */
    static final int AUTH_OK = 0;
    static final int AUTH_CLEARTEXT = 3;
    static final int AUTH_MD5 = 5;
    static final int AUTH_SASL = 10;

    private Socket socket;
    private DataInputStream in;
    private DataOutputStream out;
    private final byte[] salt = new byte[4];

    WireProbe(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Sends an SSLRequest and returns the server's one-byte answer, 'S' or 'N'. */
    char requestSsl() throws IOException {
        out.writeInt(8);
        out.writeInt(80877103);
        out.flush();
        return (char) in.readByte();
    }

    /**
     * Sends an SSLRequest and, when the server agrees, completes a TLS handshake for host name
     * {@code localhost}, verifying the server's certificate and host name.
     */
    SSLSession upgradeToTls(SSLContext context) throws IOException {
        if (requestSsl() != 'S') {
            throw new IOException("the server refused SSL");
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        socket = tls;
        in = new DataInputStream(tls.getInputStream());
        out = new DataOutputStream(tls.getOutputStream());
        return tls.getSession();
    }

    /** Sends a StartupMessage and returns the code of the first authentication request. */
    int startUp(String user) throws IOException {
        byte[] parameters = ("user\0" + user + "\0database\0postgres\0\0").getBytes(StandardCharsets.UTF_8);
        out.writeInt(8 + parameters.length);
        out.writeInt(196608);
        out.write(parameters);
        out.flush();
        return readAuthenticationCode();
    }

    /** Answers an MD5 request (whose salt was read by {@link #startUp}) and returns the next code. */
    int answerMd5(String user, String password) throws IOException {
        String inner = md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
        byte[] salted = new byte[32 + 4];
        System.arraycopy(inner.getBytes(StandardCharsets.US_ASCII), 0, salted, 0, 32);
        System.arraycopy(salt, 0, salted, 32, 4);
        return sendPassword("md5" + md5Hex(salted));
    }

    /** Answers a clear-text password request and returns the next code. */
    int answerCleartext(String password) throws IOException {
        return sendPassword(password);
    }

    private int sendPassword(String password) throws IOException {
        byte[] bytes = (password + "\0").getBytes(StandardCharsets.UTF_8);
        out.writeByte('p');
        out.writeInt(4 + bytes.length);
        out.write(bytes);
        out.flush();
        return readAuthenticationCode();
    }

    /** Returns the authentication code, or -1 for an ErrorResponse. */
    private int readAuthenticationCode() throws IOException {
        byte type = in.readByte();
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        if (type == 'E') {
            return -1;
        }
        if (type != 'R') {
            throw new IOException("expected an authentication request, got message type " + (char) type);
        }
        int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
        if (code == AUTH_MD5) {
            System.arraycopy(body, 4, salt, 0, 4);
        }
        return code;
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
