package dev.tusk.internal.options;

import dev.tusk.exceptions.InterfaceException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The libpq connection keywords Tusk understands, those it knows but does not support, and the
 * environment variable that stands in for each. Checking a keyword here turns a typo into an
 * error that suggests the nearest real keyword instead of a silently ignored setting.
 */
public final class Keywords {

    /** Keyword → environment variable (null when libpq reads none). Iteration order is libpq's documentation order. */
    private static final Map<String, String> SUPPORTED = orderedMap(
            "service", "PGSERVICE",
            "servicefile", "PGSERVICEFILE",
            "host", "PGHOST",
            "hostaddr", "PGHOSTADDR",
            "port", "PGPORT",
            "dbname", "PGDATABASE",
            "user", "PGUSER",
            "password", "PGPASSWORD",
            "passfile", "PGPASSFILE",
            "require_auth", "PGREQUIREAUTH",
            "channel_binding", "PGCHANNELBINDING",
            "connect_timeout", "PGCONNECT_TIMEOUT",
            "client_encoding", null,
            "options", "PGOPTIONS",
            "application_name", "PGAPPNAME",
            "fallback_application_name", null,
            "keepalives", null,
            "keepalives_idle", null,
            "keepalives_interval", null,
            "keepalives_count", null,
            "tcp_user_timeout", null,
            "sslmode", "PGSSLMODE",
            "sslnegotiation", "PGSSLNEGOTIATION",
            "sslcert", "PGSSLCERT",
            "sslkey", "PGSSLKEY",
            "sslpassword", null,
            "sslcertmode", "PGSSLCERTMODE",
            "requirepeer", "PGREQUIREPEER",
            "sslrootcert", "PGSSLROOTCERT",
            "sslcrl", "PGSSLCRL",
            "sslcrldir", "PGSSLCRLDIR",
            "sslkeylogfile", null,
            "sslsni", "PGSSLSNI",
            "ssl_min_protocol_version", "PGSSLMINPROTOCOLVERSION",
            "ssl_max_protocol_version", "PGSSLMAXPROTOCOLVERSION",
            "gssencmode", null,
            "target_session_attrs", "PGTARGETSESSIONATTRS",
            "load_balance_hosts", "PGLOADBALANCEHOSTS",
            "min_protocol_version", "PGMINPROTOCOLVERSION",
            "max_protocol_version", "PGMAXPROTOCOLVERSION");

    /** libpq keywords that Tusk refuses rather than ignores, so nobody believes they took effect. */
    private static final Set<String> UNSUPPORTED = Set.of(
            "replication", "krbsrvname", "gsslib", "gssdelegation",
            "sslcompression",
            "scram_client_key", "scram_server_key", "oauth_issuer",
            "oauth_client_id", "oauth_client_secret", "oauth_scope");

    /** Names people carry over from other drivers, mapped to the libpq keyword they mean. */
    private static final Map<String, String> ALIASES = Map.of(
            "database", "dbname",
            "username", "user",
            "ssl", "sslmode",
            "applicationname", "application_name",
            "timeout", "connect_timeout");

    private static final Set<String> SECRET = Set.of("password", "sslpassword");

    private Keywords() {
    }

    /** The supported keywords in libpq's order. */
    public static Set<String> supported() {
        return SUPPORTED.keySet();
    }

    /** The environment variable libpq reads for a keyword, or null when there is none. */
    public static String environmentVariable(String keyword) {
        return SUPPORTED.get(keyword);
    }

    /** Whether the keyword's value is a secret that must never be shown. */
    public static boolean isSecret(String keyword) {
        return SECRET.contains(keyword);
    }

    /**
     * Stores one keyword's value, as libpq does: later values replace earlier ones, and the
     * obsolete {@code requiressl} becomes {@code sslmode}. Values that are syntax rather than
     * meaning (ports, client_encoding, gssencmode) are checked here so a bad DSN fails as it is
     * parsed.
     *
     * @throws InterfaceException for an unknown or unsupported keyword, or a malformed value
     */
    static void store(Map<String, String> values, String keyword, String value) {
        if (keyword.equals("requiressl")) {
            values.put("sslmode", value.startsWith("1") ? "require" : "prefer");
            return;
        }
        check(keyword);
        switch (keyword) {
            case "port":
                PortList.parse(value, "connection string");
                break;
            case "client_encoding":
                checkClientEncoding(value);
                break;
            case "gssencmode":
                checkGssEncMode(value);
                break;
            default:
                break;
        }
        values.put(keyword, value);
    }

    /**
     * Fails unless the keyword is one Tusk supports.
     *
     * @throws InterfaceException naming the keyword and, for a near miss, the keyword meant
     */
    static void check(String keyword) {
        if (SUPPORTED.containsKey(keyword)) {
            return;
        }
        if (UNSUPPORTED.contains(keyword)) {
            throw new InterfaceException("connection option \"" + keyword + "\" is not supported by Tusk");
        }
        String suggestion = nearest(keyword);
        throw new InterfaceException("invalid connection option \"" + keyword + "\""
                + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)"));
    }

    /** The supported keyword the given one most likely misspells, or null when none is close. */
    static String nearest(String keyword) {
        String folded = keyword.toLowerCase(Locale.ROOT);
        String alias = ALIASES.get(folded.replace("_", "").replace("-", ""));
        if (alias != null) {
            return alias;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : SUPPORTED.keySet()) {
            int distance = editDistance(folded, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, keyword.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    private static void checkClientEncoding(String value) {
        if (!value.isEmpty() && !ServerSettings.isUtf8(value)) {
            throw new InterfaceException("client_encoding \"" + value
                    + "\" is not supported: Tusk always talks to the server in UTF8");
        }
    }

    private static void checkGssEncMode(String value) {
        // Tusk never encrypts with GSSAPI, so "disable" and "prefer" (libpq's default) already hold.
        if (!value.isEmpty() && !value.equalsIgnoreCase("disable") && !value.equalsIgnoreCase("prefer")) {
            throw new InterfaceException("gssencmode \"" + value
                    + "\" is not supported: Tusk does not do GSSAPI encryption (use disable or prefer)");
        }
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** Levenshtein distance: the fewest single-character edits that turn one word into the other. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
