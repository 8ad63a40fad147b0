package dev.tusk.internal.options;

import dev.tusk.exceptions.InterfaceException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The URI form of a connection string:
 * {@code postgresql://[user[:password]@][host][:port][,...][/dbname][?keyword=value&...]}.
 * Every part is percent-decoded; an IPv6 address goes in brackets; several {@code host:port}
 * pairs become libpq's comma-separated {@code host} and {@code port} lists.
 */
final class UriDsnParser {

    private static final String ENCODING_HINT = "percent-encode '@', '/', '?' and ':' in user names and "
            + "passwords (for example %40 for '@', %2F for '/')";

    private final String uri;
    private final Map<String, String> values;
    /** Whether an '@' follows the host part: then a malformed host part is likely a password cut short. */
    private boolean strayAt;

    private UriDsnParser(String uri, Map<String, String> values) {
        this.uri = uri;
        this.values = values;
    }

    static void parse(String uri, int prefixLength, Map<String, String> values) {
        new UriDsnParser(uri, values).parse(prefixLength);
    }

    private void parse(int prefixLength) {
        String rest = uri.substring(prefixLength);
        int queryStart = rest.indexOf('?');
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo(authority.substring(0, at));
        } else {
            strayAt = rest.indexOf('@', authority.length()) >= 0;
        }
        hosts(authority.substring(at + 1));
        if (slash >= 0) {
            String dbname = decode(beforeQuery.substring(slash + 1), "database name", false);
            if (!dbname.isEmpty()) {
                Keywords.store(values, "dbname", dbname);
            }
        }
        if (queryStart >= 0) {
            query(rest.substring(queryStart + 1));
        }
    }

    private void userInfo(String userInfo) {
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name", false);
        if (!user.isEmpty()) {
            Keywords.store(values, "user", user);
        }
        if (colon >= 0) {
            String password = decode(userInfo.substring(colon + 1), "password", true);
            if (!password.isEmpty()) {
                Keywords.store(values, "password", password);
            }
        }
    }

    private void hosts(String spec) {
        if (spec.isEmpty()) {
            return;
        }
        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        int i = 0;
        while (true) {
            String host;
            if (i < spec.length() && spec.charAt(i) == '[') {
                int close = spec.indexOf(']', i);
                if (close < 0) {
                    throw malformedHost("missing \"]\" after IPv6 host address \"" + spec.substring(i) + "\"");
                }
                host = spec.substring(i + 1, close);
                if (host.isEmpty()) {
                    throw malformedHost("IPv6 host address may not be empty");
                }
                i = close + 1;
                if (i < spec.length() && spec.charAt(i) != ':' && spec.charAt(i) != ',') {
                    throw malformedHost("unexpected character \"" + spec.charAt(i) + "\" after IPv6 host address \"["
                            + host + "]\" (expected \":\" or \",\")");
                }
            } else {
                int end = i;
                while (end < spec.length() && spec.charAt(end) != ':' && spec.charAt(end) != ',') {
                    end++;
                }
                host = spec.substring(i, end);
                i = end;
            }
            String port = "";
            if (i < spec.length() && spec.charAt(i) == ':') {
                int end = spec.indexOf(',', i + 1);
                end = end < 0 ? spec.length() : end;
                port = checkPort(decode(spec.substring(i + 1, end), "port", false));
                i = end;
            }
            hosts.append(decode(host, "host", false));
            ports.append(port);
            if (i >= spec.length()) {
                break;
            }
            i++; // the ','
            hosts.append(',');
            ports.append(',');
        }
        if (hosts.length() > 0) {
            Keywords.store(values, "host", hosts.toString());
        }
        // Without any port the list would be only commas; leaving it out lets PGPORT apply.
        if (ports.chars().anyMatch(c -> c != ',')) {
            Keywords.store(values, "port", ports.toString());
        }
    }

    private String checkPort(String port) {
        try {
            PortList.parse(port, "connection URI");
            return port;
        } catch (InterfaceException e) {
            if (strayAt) {
                throw malformedHost("invalid port number");
            }
            if (port.indexOf(':') >= 0) {
                throw new InterfaceException(e.getMessage() + "; IPv6 addresses in a URI go in brackets, "
                        + "as in postgresql://[::1]:5432/");
            }
            throw e;
        }
    }

    /** An error in the host part; when a password may have spilled into it, the part is not shown. */
    private InterfaceException malformedHost(String problem) {
        if (strayAt) {
            return new InterfaceException("malformed host part in connection URI: an '@' follows it, so the "
                    + "user name or password probably holds a reserved character; " + ENCODING_HINT);
        }
        return new InterfaceException(problem + " in connection URI");
    }

    private void query(String query) {
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                throw new InterfaceException("missing \"=\" in URI query parameter \""
                        + decode(parameter, "query parameter", false) + "\"");
            }
            String keyword = decode(parameter.substring(0, equals), "query parameter name", false);
            String value = decode(parameter.substring(equals + 1), "value of \"" + keyword + "\"",
                    Keywords.isSecret(keyword));
            if (keyword.equals("ssl") && value.equals("true")) {
                // libpq's concession to JDBC URLs
                keyword = "sslmode";
                value = "require";
            }
            Keywords.store(values, keyword, value);
        }
    }

    /**
     * Percent-decodes one part of the URI; the decoded bytes must be UTF-8.
     *
     * @param part what the text is, for error messages
     * @param secret whether to keep the text out of error messages
     */
    private static String decode(String text, String part, boolean secret) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                decoded.write(raw[i]);
                continue;
            }
            int high = i + 1 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
            int low = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                String token = secret ? "" : " \"" + new String(raw, i, Math.min(3, raw.length - i),
                        StandardCharsets.UTF_8) + "\"";
                throw new InterfaceException("invalid percent-encoded token" + token + " in the " + part
                        + " of the connection URI (expected % and two hexadecimal digits)");
            }
            int value = high << 4 | low;
            if (value == 0) {
                throw new InterfaceException("forbidden %00 in the " + part + " of the connection URI");
            }
            decoded.write(value);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InterfaceException("the percent-encoded " + part + " of the connection URI is not valid UTF-8");
        }
    }
}
