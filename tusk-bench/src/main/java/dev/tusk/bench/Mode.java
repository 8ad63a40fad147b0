package dev.tusk.bench;

/**
 * How the load is offered: {@code connections} connections, each with {@code inFlight} calls
 * outstanding at every moment (a closed loop: a call is issued when one completes).
 *
 * @param connections the number of connections used
 * @param inFlight    the calls outstanding per connection; above 1 the driver must pipeline
 */
record Mode(int connections, int inFlight) {

    static final Mode SERIAL = new Mode(1, 1);
    static final Mode CONCURRENT = new Mode(10, 1);
    static final Mode PIPELINED = new Mode(10, 4);

    Mode {
        if (connections < 1 || inFlight < 1) {
            throw new IllegalArgumentException("mode " + connections + "x" + inFlight + ": both must be >= 1");
        }
    }

    /** The number of calls outstanding in all. */
    int concurrency() {
        return connections * inFlight;
    }

    /** For example {@code 10x4}. */
    String label() {
        return connections + "x" + inFlight;
    }

    /** Parses {@link #label()}. */
    static Mode parse(String label) {
        int x = label.indexOf('x');
        if (x < 1) {
            throw new IllegalArgumentException("mode \"" + label + "\": expected CONNECTIONSxINFLIGHT, e.g. 10x4");
        }
        return new Mode(Integer.parseInt(label.substring(0, x)), Integer.parseInt(label.substring(x + 1)));
    }
}
