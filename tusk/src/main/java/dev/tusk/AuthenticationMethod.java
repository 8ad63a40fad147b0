package dev.tusk;

import dev.tusk.exceptions.InterfaceException;
import java.util.EnumSet;
import java.util.Set;

/**
 * A way the server may ask the client to prove who it is, as libpq's {@code require_auth} names
 * it. {@link ConnectOptions.Builder#requireAuth(Set)} limits a connection to some of them, so
 * that a server (or something posing as one) cannot downgrade it to a weaker method than expected.
 */
public enum AuthenticationMethod {

    /** The password in clear text (AuthenticationCleartextPassword). */
    PASSWORD("password"),
    /** The MD5 hash of the password with a salt (AuthenticationMD5Password). */
    MD5("md5"),
    /** GSSAPI; Tusk does not do it, so allowing it changes nothing. */
    GSS("gss"),
    /** SSPI; Tusk does not do it, so allowing it changes nothing. */
    SSPI("sspi"),
    /** SCRAM-SHA-256, with or without channel binding (SASL). */
    SCRAM_SHA_256("scram-sha-256"),
    /**
     * No authentication exchange at all: the server lets the client in at once ({@code trust},
     * or a client certificate alone).
     */
    NONE("none");

    private final String keyword;

    AuthenticationMethod(String keyword) {
        this.keyword = keyword;
    }

    /** The libpq spelling of this method. */
    public String keyword() {
        return keyword;
    }

    /**
     * The method a libpq {@code require_auth} element names, ignoring case.
     *
     * @throws InterfaceException if the value names none
     */
    public static AuthenticationMethod fromKeyword(String keyword) {
        for (AuthenticationMethod method : values()) {
            if (method.keyword.equalsIgnoreCase(keyword)) {
                return method;
            }
        }
        throw new InterfaceException("invalid require_auth method \"" + keyword
                + "\" (expected one of: password, md5, gss, sspi, scram-sha-256, none, each optionally negated with !)");
    }

    /**
     * The methods a libpq {@code require_auth} value allows: a comma-separated list of methods
     * ({@code scram-sha-256,none}), or of methods to refuse, each with a {@code !}
     * ({@code !password,!md5}); the two forms do not mix and no method may appear twice.
     *
     * @throws InterfaceException naming the element that breaks these rules
     */
    public static Set<AuthenticationMethod> parseRequireAuth(String value) {
        String[] elements = value.split(",", -1);
        boolean negated = elements[0].strip().startsWith("!");
        EnumSet<AuthenticationMethod> listed = EnumSet.noneOf(AuthenticationMethod.class);
        for (String element : elements) {
            String method = element.strip();
            if (method.startsWith("!") != negated) {
                throw new InterfaceException("require_auth method \"" + method + "\" cannot be mixed with "
                        + (negated ? "negative" : "non-negative") + " methods");
            }
            if (!listed.add(fromKeyword(negated ? method.substring(1) : method))) {
                throw new InterfaceException("require_auth method \"" + method + "\" is specified more than once");
            }
        }
        return negated ? EnumSet.complementOf(listed) : listed;
    }
}
