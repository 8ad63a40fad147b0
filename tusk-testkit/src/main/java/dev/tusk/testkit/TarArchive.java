package dev.tusk.testkit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Extracts a tar stream (ustar, GNU long names, pax path headers) into a directory, keeping
 * permission bits and symbolic links. Written here because the JDK reads no tar, and one small
 * reader is cheaper than commons-compress and its three transitive dependencies.
 */
final class TarArchive {

    private static final int BLOCK = 512;

    private final DataInputStream in;
    private final Path destination;
    private final byte[] header = new byte[BLOCK];
    private final List<Path> directories = new ArrayList<>();
    private final List<Integer> directoryModes = new ArrayList<>();
    private String longName;
    private String longLinkName;

    private TarArchive(InputStream in, Path destination) {
        this.in = new DataInputStream(in);
        this.destination = destination.toAbsolutePath().normalize();
    }

    /**
     * Extracts every entry of {@code in} below {@code destination}, which must exist. Entries
     * whose path or link target would leave {@code destination} are refused.
     */
    static void extract(InputStream in, Path destination) throws IOException {
        new TarArchive(in, destination).extractAll();
    }

    private void extractAll() throws IOException {
        while (readHeader()) {
            char type = (char) header[156];
            long size = number(124, 12);
            switch (type) {
                case 'L' -> longName = readText(size);
                case 'K' -> longLinkName = readText(size);
                case 'x' -> readPax(size);
                case '0', '\0', '7' -> writeFile(target(entryName()), mode(), size);
                case '5' -> createDirectory(target(entryName()), mode(), size);
                case '2' -> createSymlink(target(entryName()), linkName(), size);
                case '1' -> createHardLink(target(entryName()), target(linkName()), size);
                default -> skip(size); // global pax headers, devices and fifos mean nothing here
            }
        }
        // Modes are applied last so that a read-only directory can still be filled.
        for (int i = directories.size() - 1; i >= 0; i--) {
            Files.setPosixFilePermissions(directories.get(i), permissions(directoryModes.get(i)));
        }
    }

    private boolean readHeader() throws IOException {
        in.readFully(header);
        for (byte b : header) {
            if (b != 0) {
                return true;
            }
        }
        return false; // a zero block marks the end of the archive
    }

    private String entryName() {
        if (longName != null) {
            String name = longName;
            longName = null;
            return name;
        }
        String name = text(0, 100);
        boolean posix = text(257, 6).equals("ustar") && header[262] == 0;
        String prefix = posix ? text(345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private String linkName() {
        if (longLinkName != null) {
            String name = longLinkName;
            longLinkName = null;
            return name;
        }
        return text(157, 100);
    }

    private int mode() {
        return (int) number(100, 8) & 0777;
    }

    private Path target(String name) throws IOException {
        Path target = destination.resolve(name).normalize();
        if (name.startsWith("/") || !target.startsWith(destination)) {
            throw new IOException("tar entry leaves the destination directory: " + name);
        }
        return target;
    }

    private void writeFile(Path file, int mode, long size) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            copy(size, out);
        }
        Files.setPosixFilePermissions(file, permissions(mode));
        skipPadding(size);
    }

    private void createDirectory(Path directory, int mode, long size) throws IOException {
        Files.createDirectories(directory);
        directories.add(directory);
        directoryModes.add(mode);
        skip(size);
    }

    private void createSymlink(Path link, String linkTarget, long size) throws IOException {
        Path resolved = link.getParent().resolve(linkTarget).normalize();
        if (linkTarget.startsWith("/") || !resolved.startsWith(destination)) {
            throw new IOException("symbolic link " + link + " points outside the archive: " + linkTarget);
        }
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(linkTarget));
        skip(size);
    }

    private void createHardLink(Path link, Path existing, long size) throws IOException {
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createLink(link, existing);
        skip(size);
    }

    private void readPax(long size) throws IOException {
        byte[] records = readBytes(size);
        int at = 0;
        while (at < records.length && records[at] != 0) {
            int space = at;
            while (records[space] != ' ') {
                space++;
            }
            // A record is "<length in bytes> <key>=<value>\n"; the length counts the whole record.
            int length = Integer.parseInt(new String(records, at, space - at, StandardCharsets.US_ASCII));
            String record = new String(records, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            String key = record.substring(0, equals);
            String value = record.substring(equals + 1);
            if (key.equals("path")) {
                longName = value;
            } else if (key.equals("linkpath")) {
                longLinkName = value;
            }
            at += length;
        }
    }

    private String readText(long size) throws IOException {
        byte[] bytes = readBytes(size);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private byte[] readBytes(long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar metadata entry too long: " + size + " bytes (expected: <= 1048576)");
        }
        byte[] bytes = new byte[(int) size];
        in.readFully(bytes);
        skipPadding(size);
        return bytes;
    }

    private void copy(long size, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long remaining = size;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("tar archive ends inside an entry (" + remaining + " bytes missing)");
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
    }

    private void skip(long size) throws IOException {
        copy(size, OutputStream.nullOutputStream());
        skipPadding(size);
    }

    private void skipPadding(long size) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        in.readFully(new byte[padding]);
    }

    private String text(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** Reads an octal field, or a base-256 one (GNU) when the high bit of its first byte is set. */
    private long number(int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x7f;
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        String digits = text(offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    /** The tar mode, widened so that the server's unprivileged user can read and run everything. */
    private static Set<PosixFilePermission> permissions(int mode) {
        int widened = mode | 0644 | ((mode & 0111) != 0 ? 0111 : 0);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int i = 0; i < bits.length; i++) {
            if ((widened & (0400 >> i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }
}
