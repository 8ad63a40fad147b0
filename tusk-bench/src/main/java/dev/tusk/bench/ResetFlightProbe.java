package dev.tusk.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a pooled call's session reset costs the server, apart from any driver: raw-protocol
 * clients (one thread and one blocking socket each, every message prebuilt) run {@code SELECT 1}
 * as a pool's one-call method would, in three forms, and the server's CPU per call is read from
 * the postmaster's children in {@code /proc}:
 *
 * <ul>
 *   <li>{@code alone}: Bind, Execute, Sync: no reset;
 *   <li>{@code two}: the call's flight, then the reset's four prepared statements in a flight of
 *       their own (two Syncs, written together): two transactions, two ReadyForQuery;
 *   <li>{@code one}: the call and the reset's four executions before one Sync, as Tusk's pool
 *       writes them ({@code TrailingReset}): one transaction, one ReadyForQuery.
 * </ul>
 *
 * <pre>
 * java -cp tusk-bench/target/tusk-bench.jar dev.tusk.bench.ResetFlightProbe [--clients=10] [--seconds=5] [--rounds=3]
 * </pre>
 *
 * It starts the benchmark's server from the test kit (plaintext) and prints, per form and round,
 * the calls per second and the server's CPU microseconds per call.
 */
public final class ResetFlightProbe {

    /** How long the clients run before the measured window: the backends' caches and the JIT warm up. */
    private static final long WARM_UP_MILLIS = 2_000;

    private static final String[] RESET = {
        "SELECT pg_catalog.pg_advisory_unlock_all()", "CLOSE ALL", "UNLISTEN *", "RESET ALL",
    };

    private ResetFlightProbe() {
    }

    /** Runs the probe; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int clients = 10;
        int seconds = 5;
        int rounds = 3;
        for (String arg : args) {
            int value = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            if (arg.startsWith("--clients=")) {
                clients = value;
            } else if (arg.startsWith("--seconds=")) {
                seconds = value;
            } else if (arg.startsWith("--rounds=")) {
                rounds = value;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        try (BenchServer server = BenchServer.start(Tls.OFF)) {
            ServerMeter meter = new ServerMeter(server.postmasterPid());
            for (int round = 1; round <= rounds; round++) {
                for (Form form : Form.values()) {
                    measure(server.target(), meter, form, clients, seconds);
                }
            }
        }
        System.exit(0);
    }

    /** The three ways of sending the call and its reset. */
    private enum Form {
        ALONE, TWO, ONE;

        byte[] flight() {
            byte[] call = concat(bind("q"), execute());
            byte[] reset = new byte[0];
            for (int i = 0; i < RESET.length; i++) {
                reset = concat(reset, bind("r" + i), execute());
            }
            switch (this) {
                case ALONE:
                    return concat(call, sync());
                case TWO:
                    return concat(call, sync(), reset, sync());
                default:
                    return concat(call, reset, sync());
            }
        }

        int readyForQueries() {
            return this == TWO ? 2 : 1;
        }
    }

    private static void measure(Target target, ServerMeter meter, Form form, int clients, int seconds)
            throws Exception {
        AtomicLong calls = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        byte[] flight = form.flight();
        List<Thread> threads = new ArrayList<>();
        List<RawConnection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            RawConnection connection = new RawConnection(target);
            connections.add(connection);
            Thread thread = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        connection.send(flight);
                        connection.readUntilReady(form.readyForQueries());
                        if (counting.get()) {
                            calls.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "reset-probe-" + i);
            thread.start();
            threads.add(thread);
        }
        // both waits are durations of the run (a warm-up, then the measured window), not waits for a condition
        Thread.sleep(WARM_UP_MILLIS);
        ServerMeter.Reading before = meter.read();
        long started = System.nanoTime();
        counting.set(true);
        Thread.sleep(seconds * 1000L);
        counting.set(false);
        long counted = calls.get();
        ServerMeter.Reading after = meter.read();
        double elapsed = (System.nanoTime() - started) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        for (RawConnection connection : connections) {
            connection.close();
        }
        System.out.printf("%-5s %d clients: %,.0f calls/s, server CPU %.2f µs per call%n", form.name().toLowerCase(),
                clients, counted / elapsed, meter.cpuNanosBetween(before, after) / 1000.0 / counted);
    }

    /** One protocol-3.0 session with trust authentication, the call and the reset prepared. */
    private static final class RawConnection implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        RawConnection(Target target) throws IOException {
            socket = new Socket(target.host(), target.port());
            socket.setTcpNoDelay(true);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536));
            out = socket.getOutputStream();
            byte[] parameters = concat(cString("user"), cString(target.user()), cString("database"),
                    cString(target.database()), new byte[] {0});
            ByteArrayOutputStream startup = new ByteArrayOutputStream();
            writeInt(startup, parameters.length + 8);
            writeInt(startup, 3 << 16);
            startup.writeBytes(parameters);
            send(startup.toByteArray());
            readUntilReady(1);
            byte[] prepare = parse("q", "SELECT 1");
            for (int i = 0; i < RESET.length; i++) {
                prepare = concat(prepare, parse("r" + i, RESET[i]));
            }
            send(concat(prepare, sync()));
            readUntilReady(1);
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Reads messages up to the {@code count}th ReadyForQuery; an ErrorResponse ends the probe. */
        void readUntilReady(int count) throws IOException {
            int left = count;
            while (left > 0) {
                int type = in.read();
                int length = in.readInt();
                if (type == 'E') {
                    throw new IOException("the server answered the probe with an error");
                }
                if (type == 'R' && (length != 8 || in.readInt() != 0)) {
                    throw new IOException("the server asked the probe for a password; it needs trust authentication");
                }
                in.skipNBytes(type == 'R' ? 0 : length - 4);
                if (type == 'Z') {
                    left--;
                }
            }
        }

        @Override
        public void close() throws IOException {
            send(message('X', new byte[0]));
            socket.close();
        }
    }

    private static byte[] parse(String name, String sql) {
        return message('P', concat(cString(name), cString(sql), new byte[] {0, 0}));
    }

    /** Bind of the unnamed portal: no parameters, every result column binary. */
    private static byte[] bind(String statement) {
        return message('B', concat(cString(""), cString(statement), new byte[] {0, 0, 0, 0, 0, 1, 0, 1}));
    }

    private static byte[] execute() {
        return message('E', concat(cString(""), new byte[] {0, 0, 0, 0}));
    }

    private static byte[] sync() {
        return message('S', new byte[0]);
    }

    private static byte[] message(char type, byte[] body) {
        ByteArrayOutputStream message = new ByteArrayOutputStream(body.length + 5);
        message.write(type);
        writeInt(message, body.length + 4);
        message.writeBytes(body);
        return message.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static byte[] cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
