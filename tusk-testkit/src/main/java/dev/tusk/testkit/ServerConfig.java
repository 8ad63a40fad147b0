package dev.tusk.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a cluster's configuration: its settings into {@value ClusterLayout#SETTINGS_FILE}
 * (included from {@code postgresql.conf}, rewritten before every start so that a new port
 * applies) and its client authentication rules into {@code pg_hba.conf}.
 */
final class ServerConfig {

    private ServerConfig() {
    }

    /** Makes {@code postgresql.conf} include the kit's settings file; call once after initdb. */
    static void includeSettingsFile(ClusterLayout layout) throws IOException {
        String include = "\n# Settings of the Tusk test kit; later lines win over earlier ones.\n"
                + "include = '" + ClusterLayout.SETTINGS_FILE + "'\n";
        Files.writeString(layout.dataDirectory().resolve("postgresql.conf"), include, StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    /** The settings the kit applies, followed by (and overridden by) the user's. */
    static Map<String, String> settings(ClusterLayout layout, ClusterOptions options, int port, TlsMaterial tls,
            int majorVersion) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("port", Integer.toString(port));
        settings.put("unix_socket_directories", layout.socketDirectory().toString());
        // Durability is worthless for a throw-away server and costs seconds per test suite.
        settings.put("fsync", "off");
        settings.put("synchronous_commit", "off");
        settings.put("full_page_writes", "off");
        settings.put("max_connections", "200");
        settings.put("shared_buffers", "32MB");
        boolean md5 = options.authMethod() == AuthMethod.MD5;
        settings.put("password_encryption", md5 ? "md5" : "scram-sha-256");
        if (md5 && majorVersion >= 18) {
            settings.put("md5_password_warnings", "off"); // 18 deprecates md5 and warns at every login
        }
        if (tls != null) {
            settings.put("ssl", "on");
            settings.put("ssl_cert_file", tls.serverCert().toString());
            settings.put("ssl_key_file", tls.serverKey().toString());
            settings.put("ssl_ca_file", tls.caCert().toString());
        }
        settings.putAll(options.settings());
        return settings;
    }

    /** Writes {@code settings} into the cluster's settings file, replacing what was there. */
    static void writeSettings(ClusterLayout layout, Map<String, String> settings) throws IOException {
        StringBuilder text = new StringBuilder("# Written by the Tusk test kit before every start.\n");
        settings.forEach((name, value) -> text.append(name).append(" = ").append(quote(value)).append('\n'));
        Files.writeString(layout.settingsFile(), text, StandardCharsets.UTF_8);
    }

    /**
     * The lines of {@code pg_hba.conf}: the user's own first (the first matching line wins),
     * then trust over the Unix socket, then the chosen method over TCP.
     */
    static List<String> hbaLines(ClusterOptions options) {
        List<String> lines = new ArrayList<>(options.hbaLines());
        String method = options.authMethod().hbaKeyword();
        // cert needs a certificate, which only an SSL connection carries.
        String host = options.authMethod() == AuthMethod.CERT ? "hostssl" : "host";
        lines.add("local all all trust");
        lines.add("local replication all trust");
        lines.add(host + " all all 127.0.0.1/32 " + method);
        lines.add(host + " all all ::1/128 " + method);
        lines.add(host + " replication all 127.0.0.1/32 " + method);
        return lines;
    }

    /** Replaces {@code pg_hba.conf} with {@link #hbaLines(ClusterOptions)}. */
    static void writeHba(ClusterLayout layout, ClusterOptions options) throws IOException {
        String text = "# Written by the Tusk test kit.\n" + String.join("\n", hbaLines(options)) + "\n";
        Files.writeString(layout.hbaFile(), text, StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
