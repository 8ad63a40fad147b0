package dev.tusk.internal.options;

import dev.tusk.exceptions.InterfaceException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a libpq connection string, in either of its forms, into libpq keywords and values:
 * <ul>
 *   <li>a URI, {@code postgresql://[user[:password]@][host][:port][,...][/dbname][?keyword=value&...]}
 *       (also {@code postgres://}), percent-decoded;</li>
 *   <li>{@code keyword=value} pairs separated by white space, a value in single quotes when it
 *       holds spaces, with {@code \'} and {@code \\} escapes.</li>
 * </ul>
 * Unknown keywords and malformed parts fail with an {@link InterfaceException} that names the
 * offending part and never shows a password.
 */
public final class DsnParser {

    private static final Pattern URI_SECRET_PARAMETER =
            Pattern.compile("([?&](?:ssl)?password=)[^&]*");
    private static final Pattern KEYWORD_SECRET =
            Pattern.compile("\\b((?:ssl)?password)\\s*=\\s*(?:'(?:\\\\.|[^'\\\\])*'?|(?:\\\\.|[^\\s\\\\])*\\\\?)");

    private DsnParser() {
    }

    /**
     * The keywords and values of a connection string, in the order given (a keyword given twice
     * keeps its last value). An empty string yields an empty map.
     *
     * @throws InterfaceException if the string is malformed or names an unknown or unsupported keyword
     */
    public static Map<String, String> parse(String dsn) {
        Objects.requireNonNull(dsn, "dsn");
        Map<String, String> values = new LinkedHashMap<>();
        int prefix = uriPrefixLength(dsn);
        if (prefix > 0) {
            UriDsnParser.parse(dsn, prefix, values);
        } else {
            KeywordValueDsnParser.parse(dsn, values);
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * The connection string with every password replaced by {@code ***}, for messages and logs:
     * {@code postgresql://user:***@host/db}, {@code password=***}. Works on malformed input too.
     */
    public static String redact(String dsn) {
        if (dsn == null) {
            return null;
        }
        int prefix = uriPrefixLength(dsn);
        if (prefix == 0) {
            return replaceAll(KEYWORD_SECRET.matcher(dsn), "=***");
        }
        int query = dsn.indexOf('?', prefix);
        String beforeQuery = query < 0 ? dsn : dsn.substring(0, query);
        String rest = query < 0 ? "" : dsn.substring(query);
        // The last '@' ends the user info even when an unencoded '/' sits in the password.
        int at = beforeQuery.lastIndexOf('@');
        if (at > prefix) {
            int colon = beforeQuery.indexOf(':', prefix);
            if (colon >= 0 && colon < at) {
                beforeQuery = beforeQuery.substring(0, colon + 1) + "***" + beforeQuery.substring(at);
            }
        }
        return beforeQuery + replaceAll(URI_SECRET_PARAMETER.matcher(rest), "***");
    }

    /** The length of the {@code postgresql://} or {@code postgres://} prefix, or 0 when there is none. */
    static int uriPrefixLength(String dsn) {
        String lower = dsn.length() > 13 ? dsn.substring(0, 13).toLowerCase(Locale.ROOT) : dsn.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgresql://")) {
            return 13;
        }
        if (lower.startsWith("postgres://")) {
            return 11;
        }
        return 0;
    }

    private static String replaceAll(Matcher matcher, String replacement) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
