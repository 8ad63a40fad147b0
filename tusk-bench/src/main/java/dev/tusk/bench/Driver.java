package dev.tusk.bench;

import java.util.List;

/** The drivers compared, and in which modes each runs each workload. */
enum Driver {

    TUSK("tusk", true, true),
    PGJDBC("pgjdbc+hikari", false, true),
    VERTX("vertx", true, false),
    R2DBC("r2dbc", false, false),
    /** Tusk's R2DBC adapter: not a peer, not Tusk's best; it shows what R2DBC users get. */
    TUSK_R2DBC("tusk-r2dbc", false, false),
    /**
     * Tusk through its {@code Pool} ({@code pool.fetch}, ...: one acquire, call and release with
     * the session reset each), as pgjdbc runs through HikariCP: not a peer, it shows what pooled
     * calls cost.
     */
    TUSK_POOL("tusk-pool", false, false);

    private final String label;
    private final boolean pipelines;
    private final boolean copies;

    Driver(String label, boolean pipelines, boolean copies) {
        this.label = label;
        this.pipelines = pipelines;
        this.copies = copies;
    }

    /** The name on the command line and in the report. */
    String label() {
        return label;
    }

    /** Whether this is a peer that Tusk is compared against (not Tusk itself, nor its adapter). */
    boolean isPeer() {
        return this != TUSK && this != TUSK_R2DBC && this != TUSK_POOL;
    }

    /**
     * The modes this driver is measured in on {@code workload}: one connection, ten, and for
     * drivers that pipeline ten with four calls in flight each; bulk load once, on one
     * connection, by the drivers whose COPY is compared (Tusk and pgjdbc).
     */
    List<Mode> modes(Workload workload) {
        if (workload == Workload.BULK) {
            return copies ? List.of(Mode.SERIAL) : List.of();
        }
        return pipelines ? List.of(Mode.SERIAL, Mode.CONCURRENT, Mode.PIPELINED) : List.of(Mode.SERIAL, Mode.CONCURRENT);
    }

    /**
     * Opens {@code connections} connections for {@code workload}.
     *
     * @throws UnsupportedOperationException when this build of the driver cannot run the workload
     */
    Client open(Target target, Workload workload, int connections) throws Exception {
        switch (this) {
            case TUSK:
                return TuskClient.open(target, workload, connections);
            case PGJDBC:
                return JdbcClient.open(target, workload, connections);
            case VERTX:
                return VertxClient.open(target, workload, connections);
            case R2DBC:
                return R2dbcClient.open(target, workload, connections);
            case TUSK_R2DBC:
                return R2dbcClient.openTuskAdapter(target, workload, connections);
            case TUSK_POOL:
                return TuskPoolClient.open(target, workload, connections);
            default:
                throw new AssertionError(this);
        }
    }

    /** The driver named {@code label} ({@code pgjdbc} also names pgjdbc+hikari). */
    static Driver byLabel(String label) {
        for (Driver driver : values()) {
            if (driver.label.equalsIgnoreCase(label) || driver.name().replace('_', '-').equalsIgnoreCase(label)) {
                return driver;
            }
        }
        throw new IllegalArgumentException("unknown driver \"" + label + "\"; known: tusk, pgjdbc, vertx, r2dbc, tusk-r2dbc, tusk-pool");
    }
}
