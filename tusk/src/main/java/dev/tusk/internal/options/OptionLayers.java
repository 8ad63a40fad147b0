package dev.tusk.internal.options;

import dev.tusk.exceptions.InterfaceException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The implicit sources of a connection setting below the builder's explicit values, in libpq's
 * order: the connection string, then the group of the connection service in the service file
 * (see {@link ServiceFile}), then libpq's environment variable for the keyword. As in libpq, an
 * empty value counts as not given.
 */
public final class OptionLayers {

    private final Map<String, String> dsn;
    private final Map<String, String> environment;
    private final String serviceName;
    private final Map<String, String> service;

    /**
     * Layers a parsed connection string and the service it names over an environment.
     *
     * @param dsn the keywords parsed from the connection string (see {@link DsnParser#parse})
     * @param serviceName the service given to the builder, or null to take the connection
     *     string's {@code service}, else {@code PGSERVICE}
     * @param serviceFile the service file given to the builder, or null to take the connection
     *     string's {@code servicefile}, else {@code PGSERVICEFILE}, else {@code ~/.pg_service.conf}
     * @param environment the environment variables to consult, usually {@code System.getenv()}
     * @param home the user's home directory, or null when unknown
     * @throws InterfaceException if a service is named and no service file defines it, or its
     *     group is malformed
     */
    public OptionLayers(Map<String, String> dsn, String serviceName, Path serviceFile,
            Map<String, String> environment, Path home) {
        this.dsn = Map.copyOf(dsn);
        this.environment = Map.copyOf(environment);
        this.serviceName = serviceName != null ? serviceName : outsideService("service");
        if (this.serviceName == null) {
            this.service = Map.of();
            return;
        }
        Path userFile = serviceFile;
        if (userFile == null) {
            String given = outsideService("servicefile");
            userFile = given == null ? null : OptionValues.path("servicefile").apply(given);
        }
        String systemDirectory = environment.get("PGSYSCONFDIR");
        this.service = Map.copyOf(ServiceFile.settings(this.serviceName, userFile,
                systemDirectory == null || systemDirectory.isEmpty() ? null : Path.of(systemDirectory), home));
    }

    /** The connection service whose settings are layered in, or null when none is named. */
    public String serviceName() {
        return serviceName;
    }

    /**
     * The keyword's value from the connection string, else from the service file, else from its
     * environment variable; null when none sets it.
     */
    public String get(String keyword) {
        String value = dsn.get(keyword);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        value = service.get(keyword);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        return fromEnvironment(keyword);
    }

    /**
     * The keyword's value converted by {@code parser}, or null when it is not set.
     *
     * @throws InterfaceException from the parser, saying where the bad value came from
     */
    public <T> T get(String keyword, Function<String, T> parser) {
        String value = get(keyword);
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (InterfaceException e) {
            throw new InterfaceException(e.getMessage() + " (from " + source(keyword) + ")", e);
        }
    }

    /**
     * Where {@link #get(String)} finds the keyword: {@code "connection string"},
     * {@code "service \"name\""} or {@code "environment variable PGPORT"}.
     */
    public String source(String keyword) {
        String value = dsn.get(keyword);
        if (value != null && !value.isEmpty()) {
            return "connection string";
        }
        value = service.get(keyword);
        if (value != null && !value.isEmpty()) {
            return "service \"" + serviceName + "\"";
        }
        return "environment variable " + Keywords.environmentVariable(keyword);
    }

    private String outsideService(String keyword) {
        String value = dsn.get(keyword);
        return value != null && !value.isEmpty() ? value : fromEnvironment(keyword);
    }

    private String fromEnvironment(String keyword) {
        String variable = Keywords.environmentVariable(keyword);
        String value = variable == null ? null : environment.get(variable);
        return value == null || value.isEmpty() ? null : value;
    }
}
