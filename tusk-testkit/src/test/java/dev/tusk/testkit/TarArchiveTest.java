package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarArchiveTest {

    @TempDir
    Path destination;

    @Test
    void extractsFilesWithTheirModeAndSymbolicLinks() throws IOException {
        TarBuilder tar = new TarBuilder()
                .entry("bin/", '5', 0755, "", "")
                .entry("bin/tool", '0', 0750, "", "#!/bin/sh\n")
                .entry("bin/alias", '2', 0777, "tool", "");
        TarArchive.extract(tar.stream(), destination);
        assertThat(destination.resolve("bin/tool")).hasContent("#!/bin/sh");
        // Widened so that the server's unprivileged user may run it.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(destination.resolve("bin/tool"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.readSymbolicLink(destination.resolve("bin/alias"))).hasToString("tool");
    }

    @Test
    void readsGnuLongNames() throws IOException {
        String longName = "share/" + "x".repeat(150) + ".txt";
        TarBuilder tar = new TarBuilder()
                .entry("././@LongLink", 'L', 0644, "", longName + "\0")
                .entry(longName.substring(0, 99), '0', 0644, "", "long");
        TarArchive.extract(tar.stream(), destination);
        assertThat(destination.resolve(longName)).hasContent("long");
    }

    @Test
    void refusesEntriesThatLeaveTheDestination() {
        TarBuilder tar = new TarBuilder().entry("../escaped", '0', 0644, "", "x");
        assertThatThrownBy(() -> TarArchive.extract(tar.stream(), destination))
                .isInstanceOf(IOException.class).hasMessageContaining("../escaped");
        assertThat(destination.getParent().resolve("escaped")).doesNotExist();
    }

    @Test
    void refusesSymbolicLinksThatPointOutside() {
        TarBuilder tar = new TarBuilder().entry("link", '2', 0777, "/etc/passwd", "");
        assertThatThrownBy(() -> TarArchive.extract(tar.stream(), destination))
                .isInstanceOf(IOException.class).hasMessageContaining("/etc/passwd");
    }

    /** Writes GNU-style tar headers, as the PostgreSQL binaries archive has them. */
    private static final class TarBuilder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        TarBuilder entry(String name, char type, int mode, String link, String content) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            byte[] header = new byte[512];
            put(header, 0, name);
            put(header, 100, String.format("%07o", mode));
            put(header, 124, String.format("%011o", data.length));
            header[156] = (byte) type;
            put(header, 157, link);
            put(header, 257, "ustar  ");
            bytes.writeBytes(header);
            bytes.writeBytes(data);
            bytes.writeBytes(new byte[(512 - data.length % 512) % 512]);
            return this;
        }

        ByteArrayInputStream stream() {
            bytes.writeBytes(new byte[1024]);
            return new ByteArrayInputStream(bytes.toByteArray());
        }

        private static void put(byte[] header, int offset, String text) {
            byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(encoded, 0, header, offset, encoded.length);
        }
    }
}
