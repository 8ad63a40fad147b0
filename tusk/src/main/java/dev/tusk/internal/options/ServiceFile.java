package dev.tusk.internal.options;

import dev.tusk.exceptions.InterfaceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * libpq's connection service file ({@code pg_service.conf}): named groups of connection
 * settings, so that {@code service=reporting} stands for a host, port, database, user and
 * whatever else the group lists.
 *
 * <pre>
 * # comment
 * [reporting]
 * host=db.example.com
 * port=5433
 * dbname=reports
 * </pre>
 *
 * <p>As in libpq: the per-user file ({@code servicefile}, else {@code PGSERVICEFILE}, else
 * {@code ~/.pg_service.conf} if it exists) is searched first, then the system-wide file
 * {@code $PGSYSCONFDIR/pg_service.conf}, and the first file that defines the service is the only
 * one read. Leading white space is skipped, a line starting with {@code #} is a comment, and each
 * setting is {@code keyword=value} with nothing trimmed around the {@code =}. An unknown keyword,
 * a line without {@code =}, or a nested {@code service} is an error that names the file and the
 * line, never the value (a group may hold a password). A keyword given twice keeps its first value.
 */
final class ServiceFile {

    private ServiceFile() {
    }

    /**
     * The settings of the named service.
     *
     * @param service the service's name
     * @param userFile the per-user file given by {@code servicefile} or {@code PGSERVICEFILE}, or
     *     null for {@code ~/.pg_service.conf}
     * @param systemConfigDirectory {@code PGSYSCONFDIR}, or null when not set
     * @param home the user's home directory, or null when unknown
     * @throws InterfaceException if no file defines the service, a given file cannot be read, or
     *     the group is malformed
     */
    static Map<String, String> settings(String service, Path userFile, Path systemConfigDirectory, Path home) {
        Path user = userFile != null ? userFile : home == null ? null : home.resolve(".pg_service.conf");
        if (user != null && (userFile != null || Files.exists(user))) {
            Map<String, String> found = group(user, service);
            if (found != null) {
                return found;
            }
        }
        if (systemConfigDirectory != null) {
            Path system = systemConfigDirectory.resolve("pg_service.conf");
            if (Files.exists(system)) {
                Map<String, String> found = group(system, service);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new InterfaceException("definition of service \"" + service + "\" not found");
    }

    /** The settings of the group named {@code service} in {@code file}, or null when it has no such group. */
    static Map<String, String> group(Path file, String service) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InterfaceException("service file \"" + file + "\" cannot be read: " + e, e);
        }
        Map<String, String> settings = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (settings != null) {
                    return settings;
                }
                if (line.equals("[" + service + "]")) {
                    settings = new HashMap<>();
                }
                continue;
            }
            if (settings != null) {
                put(settings, line, file, i + 1);
            }
        }
        return settings;
    }

    private static void put(Map<String, String> settings, String line, Path file, int number) {
        int equals = line.indexOf('=');
        if (equals < 0) {
            throw new InterfaceException("syntax error in service file \"" + file + "\", line " + number
                    + ": expected keyword=value");
        }
        String keyword = line.substring(0, equals);
        if (keyword.equals("service") || keyword.equals("servicefile")) {
            throw new InterfaceException("nested \"" + keyword + "\" specifications are not supported in service file \""
                    + file + "\", line " + number);
        }
        Map<String, String> setting = new HashMap<>(2);
        try {
            Keywords.store(setting, keyword, line.substring(equals + 1));
        } catch (InterfaceException e) {
            throw new InterfaceException("service file \"" + file + "\", line " + number + ": " + e.getMessage(), e);
        }
        setting.forEach(settings::putIfAbsent);
    }
}
