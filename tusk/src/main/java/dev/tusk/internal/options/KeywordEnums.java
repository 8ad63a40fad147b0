package dev.tusk.internal.options;

import dev.tusk.exceptions.InterfaceException;
import java.util.StringJoiner;
import java.util.function.Function;

/** The lookup behind the {@code fromKeyword} of Tusk's libpq-keyword enums ({@code SslMode}, ...). */
public final class KeywordEnums {

    private KeywordEnums() {
    }

    /**
     * The constant of {@code constants} whose keyword is {@code keyword}, ignoring case.
     *
     * @param option how the message names the option, e.g. {@code sslmode}
     * @throws InterfaceException if none is, listing the keywords in declaration order
     */
    public static <E extends Enum<E>> E fromKeyword(E[] constants, Function<E, String> keywordOf, String option,
            String keyword) {
        StringJoiner valid = new StringJoiner(", ");
        for (E constant : constants) {
            String candidate = keywordOf.apply(constant);
            if (candidate.equalsIgnoreCase(keyword)) {
                return constant;
            }
            valid.add(candidate);
        }
        throw new InterfaceException("invalid " + option + " \"" + keyword + "\" (expected one of: " + valid + ")");
    }
}
