package dev.tusk.internal.options;

import dev.tusk.exceptions.InterfaceException;
import java.util.Locale;

/** Checks the run-time parameters a user adds to the startup message. */
public final class ServerSettings {

    private ServerSettings() {
    }

    /**
     * Fails for a setting the startup message cannot carry or Tusk cannot honour: an empty name,
     * a NUL character, {@code user} or {@code database} (which have their own options),
     * {@code replication}, or a {@code client_encoding} other than UTF8.
     *
     * @throws InterfaceException naming the setting
     */
    public static void check(String name, String value) {
        if (name.isEmpty()) {
            throw new InterfaceException("server setting names must not be empty");
        }
        if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
            throw new InterfaceException("server setting \"" + name.replace('\0', '?')
                    + "\" must not contain a NUL character");
        }
        String folded = name.toLowerCase(Locale.ROOT);
        switch (folded) {
            case "user":
            case "database":
                throw new InterfaceException("server setting \"" + name + "\" is not allowed: use the "
                        + folded + " option");
            case "replication":
                throw new InterfaceException("server setting \"replication\" is not supported by Tusk");
            case "client_encoding":
                if (!isUtf8(value)) {
                    throw new InterfaceException("server setting client_encoding \"" + value
                            + "\" is not supported: Tusk always talks to the server in UTF8");
                }
                break;
            default:
                break;
        }
    }

    /** Whether an encoding name is one of PostgreSQL's spellings of UTF8 ({@code UTF8}, {@code utf-8}, {@code unicode}). */
    static boolean isUtf8(String encoding) {
        String folded = encoding.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return folded.equals("utf8") || folded.equals("unicode");
    }
}
