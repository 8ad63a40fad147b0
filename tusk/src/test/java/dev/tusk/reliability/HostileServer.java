package dev.tusk.reliability;

import dev.tusk.ConnectOptions;
import dev.tusk.SslMode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A fake server that speaks just enough of the protocol to get a client through startup
 * (AuthenticationOk, BackendKeyData, ReadyForQuery) and then answers each of the client's flights
 * (a message ending in Flush, Sync or Query) with the next of a list of crafted byte strings.
 * Adversarial input for the decoder; never a stand-in for a real server's behaviour.
 */
final class HostileServer implements AutoCloseable {

    private final ServerSocket listener;
    private final ArrayDeque<byte[]> replies;
    private volatile Socket socket;

    private HostileServer(List<byte[]> replies) throws IOException {
        this.replies = new ArrayDeque<>(replies);
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "hostile-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** An element of {@code replies} that makes the server close the connection right after the reply before it. */
    static final byte[] HANG_UP = new byte[0];

    /**
     * Starts a server that answers the client's n-th flight after startup with {@code replies[n]}
     * ({@link #HANG_UP} closes the connection as soon as the reply before it is written).
     */
    static HostileServer answering(byte[]... replies) {
        try {
            return new HostileServer(List.of(replies));
        } catch (IOException e) {
            throw new AssertionError("could not open a listening socket", e);
        }
    }

    /** Options that reach this server, without TLS. */
    ConnectOptions.Builder options() {
        return ConnectOptions.builder().useEnvironment(false).host("127.0.0.1").port(listener.getLocalPort())
                .user("hostile").database("hostile").sslMode(SslMode.DISABLE).connectTimeout(Outcomes.BOUND);
    }

    /** Whether the client closed its side of the connection (or never connected). */
    boolean clientGone() {
        Socket current = socket;
        return current == null || current.isClosed();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Socket current = socket;
        if (current != null) {
            current.close();
        }
    }

    private void serve() {
        try (Socket client = listener.accept()) {
            socket = client;
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            in.readFully(new byte[in.readInt() - 4]); // the startup message
            out.write(concat(message('R', new byte[] {0, 0, 0, 0}), message('K', new byte[8]), ready()));
            answerTheBackendPidQuery(in, out);
            while (true) {
                byte type = in.readByte();
                in.readFully(new byte[in.readInt() - 4]);
                if ((type == 'H' || type == 'S' || type == 'Q') && !replies.isEmpty()) {
                    byte[] reply = replies.poll();
                    out.write(reply);
                    out.flush();
                    if (!replies.isEmpty() && replies.peek().length == 0) {
                        return; // hang up right after this reply
                    }
                }
            }
        } catch (IOException e) {
            // the client hung up (the expected end of every scenario) or the test closed the server
            socket = null;
        }
    }

    /**
     * The client asks for {@code pg_backend_pid()} once started, to tell a server from a pooler:
     * the answer is the process id of the BackendKeyData above, 0.
     */
    private static void answerTheBackendPidQuery(DataInputStream in, OutputStream out) throws IOException {
        byte type = in.readByte();
        in.readFully(new byte[in.readInt() - 4]);
        if (type != 'Q') {
            throw new IOException("expected the client's pg_backend_pid() query, got message " + (char) type);
        }
        ByteArrayOutputStream column = new ByteArrayOutputStream();
        writeShort(column, 1);
        column.writeBytes(cstring("pg_backend_pid"));
        writeInt(column, 0);
        writeShort(column, 0);
        writeInt(column, 23);
        writeShort(column, 4);
        writeInt(column, -1);
        writeShort(column, 0);
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        writeShort(row, 1);
        writeInt(row, 1);
        row.write('0');
        out.write(concat(message('T', column.toByteArray()), message('D', row.toByteArray()),
                commandComplete("SELECT 1"), ready()));
        out.flush();
    }

    // ---- building backend messages

    static byte[] message(char type, byte[] body) {
        return frame(type, body.length + 4, body);
    }

    /** A frame whose length field says {@code length}, whatever the body's real size. */
    static byte[] frame(char type, int length, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        writeInt(out, length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] ready() {
        return message('Z', new byte[] {'I'});
    }

    static byte[] commandComplete(String tag) {
        return message('C', cstring(tag));
    }

    /** ParseComplete, ParameterDescription without parameters and a RowDescription of one column of {@code typeOid}. */
    static byte[] describedAs(int typeOid) {
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        writeShort(row, 1);
        row.writeBytes(cstring("x"));
        writeInt(row, 0);
        writeShort(row, 0);
        writeInt(row, typeOid);
        writeShort(row, -1);
        writeInt(row, -1);
        writeShort(row, 0);
        return concat(message('1', new byte[0]), message('t', new byte[] {0, 0}), message('T', row.toByteArray()));
    }

    /** BindComplete, then {@code rows} as they are, CommandComplete and ReadyForQuery. */
    static byte[] executed(byte[]... rows) {
        return concat(message('2', new byte[0]), concat(rows), commandComplete("SELECT " + rows.length), ready());
    }

    /** A DataRow with one value. */
    static byte[] dataRow(byte[] value) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeShort(body, 1);
        writeInt(body, value.length);
        body.writeBytes(value);
        return message('D', body.toByteArray());
    }

    static byte[] cstring(String text) {
        return concat(text.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    static byte[] ints(int... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int value : values) {
            writeInt(out, value);
        }
        return out.toByteArray();
    }

    static byte[] shorts(int... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int value : values) {
            writeShort(out, value);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }
}
