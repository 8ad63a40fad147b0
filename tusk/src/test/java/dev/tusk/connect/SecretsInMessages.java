package dev.tusk.connect;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.IdentityHashMap;
import java.util.Map;

/** Checks that no secret appears anywhere a failure may be shown: messages, causes, suppressed, toString, stack trace. */
final class SecretsInMessages {

    private SecretsInMessages() {
    }

    /** Fails when any of the secrets occurs in the failure, its causes or suppressed exceptions. */
    static void assertAbsent(Throwable failure, String... secrets) {
        StringWriter printed = new StringWriter();
        failure.printStackTrace(new PrintWriter(printed));
        StringBuilder all = new StringBuilder(printed.toString());
        collect(failure, all, new IdentityHashMap<>());
        for (String secret : secrets) {
            if (all.indexOf(secret) >= 0) {
                throw new AssertionError("the secret \"" + secret + "\" appears in the failure:\n" + all);
            }
        }
    }

    private static void collect(Throwable failure, StringBuilder out, Map<Throwable, Boolean> seen) {
        if (failure == null || seen.put(failure, Boolean.TRUE) != null) {
            return;
        }
        out.append('\n').append(failure).append('\n').append(failure.getMessage())
                .append('\n').append(failure.getLocalizedMessage());
        collect(failure.getCause(), out, seen);
        for (Throwable suppressed : failure.getSuppressed()) {
            collect(suppressed, out, seen);
        }
    }
}
