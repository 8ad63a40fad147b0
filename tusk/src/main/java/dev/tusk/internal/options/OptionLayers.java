package dev.tusk.internal.options;

import dev.tusk.exceptions.InterfaceException;
import java.util.Map;
import java.util.function.Function;

/**
 * The two implicit sources of a connection setting below the builder's explicit values: the
 * connection string, then libpq's environment variable for the keyword. As in libpq, an empty
 * value counts as not given.
 */
public final class OptionLayers {

    private final Map<String, String> dsn;
    private final Map<String, String> environment;

    /**
     * Layers a parsed connection string over an environment.
     *
     * @param dsn the keywords parsed from the connection string (see {@link DsnParser#parse})
     * @param environment the environment variables to consult, usually {@code System.getenv()}
     */
    public OptionLayers(Map<String, String> dsn, Map<String, String> environment) {
        this.dsn = Map.copyOf(dsn);
        this.environment = Map.copyOf(environment);
    }

    /** The keyword's value from the connection string, else from its environment variable; null when neither is set. */
    public String get(String keyword) {
        String value = dsn.get(keyword);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        String variable = Keywords.environmentVariable(keyword);
        value = variable == null ? null : environment.get(variable);
        return value == null || value.isEmpty() ? null : value;
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

    /** Where {@link #get(String)} finds the keyword: {@code "connection string"} or {@code "environment variable PGPORT"}. */
    public String source(String keyword) {
        String value = dsn.get(keyword);
        if (value != null && !value.isEmpty()) {
            return "connection string";
        }
        return "environment variable " + Keywords.environmentVariable(keyword);
    }
}
