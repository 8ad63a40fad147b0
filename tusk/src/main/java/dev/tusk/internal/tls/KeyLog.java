package dev.tusk.internal.tls;

import dev.tusk.exceptions.InterfaceException;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * libpq's {@code sslkeylogfile}: OpenSSL's key log callback on a TLS context, appending each line
 * it gives (NSS key log format: a label, the handshake's client random and a secret, in hex) to
 * a file. OpenSSL calls back on the event loop during the handshake; the lines are written in
 * order by one background thread, so the event loop never waits on the file.
 *
 * <p>netty-tcnative's {@code SSLContext.setKeyLogCallback}, which Netty does not expose, is reached
 * by reflection, with the context handle Netty keeps in its field {@code ctx}: Tusk does not
 * depend on netty-tcnative, which the user adds to use OpenSSL.
 */
final class KeyLog implements InvocationHandler {

    private static final System.Logger LOGGER = System.getLogger(KeyLog.class.getName());

    /** One thread, started when there is a line to write and let go after a while without one. */
    private static final ThreadPoolExecutor WRITER = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "tusk-keylog");
                thread.setDaemon(true);
                return thread;
            });

    private final Path file;

    private KeyLog(Path file) {
        this.file = file;
    }

    /**
     * Makes OpenSSL log the keys of every connection of {@code context} to {@code file}.
     *
     * @throws InterfaceException if the context is not OpenSSL's or netty-tcnative has no key log callback
     */
    static void install(SslContext context, Path file) {
        if (!(context instanceof ReferenceCountedOpenSslContext)) {
            throw new InterfaceException("sslkeylogfile needs the OpenSSL TLS engine");
        }
        boolean installed;
        try {
            // tcnative's SSLContext calls take its own context handle, Netty's field "ctx"
            // (sslCtxPointer() is the OpenSSL SSL_CTX inside it, which those calls do not take)
            Field handle = ReferenceCountedOpenSslContext.class.getDeclaredField("ctx");
            handle.setAccessible(true);
            long pointer = handle.getLong(context);
            Class<?> callbackType = Class.forName("io.netty.internal.tcnative.KeyLogCallback");
            Method setCallback = Class.forName("io.netty.internal.tcnative.SSLContext")
                    .getMethod("setKeyLogCallback", long.class, callbackType);
            Object callback = Proxy.newProxyInstance(callbackType.getClassLoader(), new Class<?>[] {callbackType},
                    new KeyLog(file));
            installed = (Boolean) setCallback.invoke(null, pointer, callback);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new InterfaceException("sslkeylogfile needs a netty-tcnative that can log keys "
                    + "(io.netty.internal.tcnative.KeyLogCallback): " + e, e);
        }
        if (!installed) {
            throw new InterfaceException("sslkeylogfile: OpenSSL refused the key log callback");
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) {
        switch (method.getName()) {
            case "handle":
                byte[] line = ((byte[]) arguments[1]).clone();
                WRITER.execute(() -> append(line));
                return null;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == arguments[0];
            case "toString":
                return "KeyLog[" + file + "]";
            default:
                throw new UnsupportedOperationException(method.getName());
        }
    }

    /** Appends one line; the file, when created here, is readable by its owner alone, as libpq makes it. */
    private void append(byte[] line) {
        try {
            createPrivately();
        } catch (FileAlreadyExistsException raced) {
            // another process made it first: append to it as it is
        } catch (IOException e) {
            LOGGER.log(System.Logger.Level.WARNING, "could not create SSL key logging file \"" + file + "\": " + e);
            return;
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            out.write(line);
            out.write('\n');
        } catch (IOException | RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "could not write SSL key logging file \"" + file + "\": " + e);
        }
    }

    /** Creates the file, unless it exists, readable and writable by its owner alone (where permissions are POSIX). */
    private void createPrivately() throws IOException {
        if (Files.exists(file)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            Files.createFile(file, ownerOnly);
        } else {
            Files.createFile(file);
        }
    }
}
