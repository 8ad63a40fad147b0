package dev.tusk.internal.tls;

import dev.tusk.exceptions.InterfaceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client's private key file ({@code sslkey}) in a form the JDK reads. libpq, through OpenSSL,
 * also takes OpenSSL's traditional formats, which older {@code openssl genrsa} and
 * {@code openssl ecparam -genkey} write: {@code BEGIN RSA PRIVATE KEY} (PKCS#1) and
 * {@code BEGIN EC PRIVATE KEY} (SEC1). Those are wrapped into PKCS#8 here, the same key in the
 * standard envelope; PKCS#8 files, plain or encrypted, pass through unchanged. A traditional key
 * encrypted with OpenSSL's own scheme is refused with the command that converts it.
 */
final class ClientKeyFile {

    private final byte[] pem;

    private static final Pattern TRADITIONAL = Pattern.compile(
            "-----BEGIN (RSA|EC) PRIVATE KEY-----(.*?)-----END \\1 PRIVATE KEY-----", Pattern.DOTALL);

    /** rsaEncryption (1.2.840.113549.1.1.1) with its NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    /** id-ecPublicKey (1.2.840.10045.2.1), to be followed by the curve's OID. */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private ClientKeyFile(byte[] pem) {
        this.pem = pem;
    }

    /** The key as PEM the JDK reads. */
    InputStream pem() {
        return new ByteArrayInputStream(pem);
    }

    /**
     * Whether the key is encrypted (PKCS#8 {@code BEGIN ENCRYPTED PRIVATE KEY}), so that
     * {@code sslpassword} applies; as in libpq, a passphrase given for a plain key is not used.
     */
    boolean encrypted() {
        return new String(pem, StandardCharsets.US_ASCII).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    }

    /**
     * Reads the key file, wrapping a traditional key into PKCS#8.
     *
     * @throws InterfaceException if the file cannot be read, or holds a traditional key that is
     *     encrypted or malformed
     */
    static ClientKeyFile read(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InterfaceException("cannot set up TLS: file \"" + file + "\" does not exist", e);
        } catch (IOException e) {
            throw new InterfaceException("cannot read sslkey file \"" + file + "\": " + e.getMessage(), e);
        }
        Matcher traditional = TRADITIONAL.matcher(pem);
        if (!traditional.find()) {
            return new ClientKeyFile(pem.getBytes(StandardCharsets.US_ASCII));
        }
        String body = traditional.group(2);
        if (body.contains("Proc-Type:")) {
            throw new InterfaceException("sslkey file \"" + file + "\" is a traditional OpenSSL key encrypted with"
                    + " OpenSSL's own scheme, which Java cannot read; convert it to encrypted PKCS#8 with: openssl pkcs8"
                    + " -topk8 -in " + file + " -out " + file + ".pk8 -v2 aes-256-cbc");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body.strip());
            byte[] pkcs8 = traditional.group(1).equals("RSA") ? wrap(RSA_ALGORITHM, der) : wrapEc(der);
            String wrapped = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
            return new ClientKeyFile(wrapped.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InterfaceException("sslkey file \"" + file + "\" holds a malformed " + traditional.group(1)
                    + " private key", e);
        }
    }

    /** PrivateKeyInfo: version 0, the algorithm, and the traditional key as the private key octets. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(algorithm);
        content.writeBytes(tlv(0x04, key));
        return tlv(0x30, content.toByteArray());
    }

    /**
     * SEC1's ECPrivateKey carries its curve in the optional {@code [0]} field; PKCS#8 wants it in
     * the algorithm identifier.
     */
    private static byte[] wrapEc(byte[] sec1) {
        int[] sequence = header(sec1, 0, 0x30);
        int position = sequence[0];
        int end = position + sequence[1];
        while (position < end) {
            int tag = sec1[position] & 0xff;
            int[] field = header(sec1, position, tag);
            if (tag == 0xa0) {
                int[] oid = header(sec1, field[0], 0x06);
                byte[] curve = java.util.Arrays.copyOfRange(sec1, field[0], oid[0] + oid[1]);
                ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
                algorithm.writeBytes(EC_PUBLIC_KEY);
                algorithm.writeBytes(curve);
                return wrap(tlv(0x30, algorithm.toByteArray()), sec1);
            }
            position = field[0] + field[1];
        }
        throw new IllegalArgumentException("the EC key does not name its curve");
    }

    /** The start and length of the value of the DER element at {@code offset}, which must have {@code tag}. */
    private static int[] header(byte[] der, int offset, int tag) {
        if ((der[offset] & 0xff) != tag) {
            throw new IllegalArgumentException("expected DER tag " + tag + " at " + offset);
        }
        int first = der[offset + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {offset + 2, first};
        }
        int count = first & 0x7f;
        if (count > 3) {
            throw new IllegalArgumentException("DER length of " + count + " bytes");
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[offset + 2 + i] & 0xff);
        }
        if (offset + 2 + count + length > der.length) {
            throw new IllegalArgumentException("DER element longer than the key");
        }
        return new int[] {offset + 2 + count, length};
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
