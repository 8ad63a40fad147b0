package dev.tusk.internal.options;

import dev.tusk.exceptions.InterfaceException;

/** A libpq {@code port} value: one port, or a comma-separated list where an empty item means the default. */
final class PortList {

    /** Stands for "the default port" in a parsed list. */
    static final int DEFAULT = 0;

    private PortList() {
    }

    /**
     * The ports of a list, {@link #DEFAULT} for each empty item.
     *
     * @param source where the value came from, for the error message
     * @throws InterfaceException naming the bad item if one is not a number from 1 to 65535
     */
    static int[] parse(String spec, String source) {
        String[] items = spec.split(",", -1);
        int[] ports = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            ports[i] = parseOne(items[i].trim(), source);
        }
        return ports;
    }

    private static int parseOne(String item, String source) {
        if (item.isEmpty()) {
            return DEFAULT;
        }
        boolean digits = item.length() <= 5 && item.chars().allMatch(c -> c >= '0' && c <= '9');
        int port = digits ? Integer.parseInt(item) : -1;
        if (port < 1 || port > 65535) {
            throw new InterfaceException("invalid port number \"" + item + "\" in " + source
                    + " (expected 1 to 65535)");
        }
        return port;
    }
}
