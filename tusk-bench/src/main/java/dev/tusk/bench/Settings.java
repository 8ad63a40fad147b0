package dev.tusk.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's options, given as {@code --name=value} arguments (durations in seconds). The
 * defaults fit the whole run in about ten minutes on two cores.
 *
 * <pre>
 * --drivers=tusk,pgjdbc,vertx,r2dbc   drivers to run (default: these four; on request tusk-r2dbc, Tusk's R2DBC adapter, and tusk-pool, Tusk through its Pool)
 * --workloads=select1,pgtype,wide,point,batch,bulk   workloads (default: all)
 * --warmup-min=2     warm up at least this long
 * --warmup-quiet=2   ... until the JIT compiler has been idle this long
 * --warmup-max=12    ... but no longer than this
 * --round=2          seconds per measured round
 * --rounds=2         rounds per mode (the report gives their spread)
 * --settle=0.5       seconds of load, unmeasured, after switching modes
 * --jvm-args="-Xms1g -Xmx1g -Dio.netty.leakDetection.level=disabled"   options of each worker JVM (space-separated)
 * --pgbench=auto     run libpq's pgbench as a reference on select1 and point when on the PATH; off: never
 * --c-reference=auto compile and run the C reference clients (raw protocol, libpq binary) on the read
 *                    workloads when a C compiler is on the PATH; off: never
 * --tls=off          jdk: the server offers TLS and every driver connects with sslmode=require (no
 *                    certificate check) on the JDK's TLS engine; openssl: the same, on OpenSSL
 *                    (netty-tcnative) for the drivers that can be told to use it (Tusk, the
 *                    R2DBC drivers; pgjdbc and vertx-pg-client stay on the JDK's); the
 *                    raw-protocol C client, which speaks no TLS, is left out
 * --out=tusk-bench/target/benchmarks.md   where the report is written
 * </pre>
 */
final class Settings {

    private static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("drivers", "tusk,pgjdbc,vertx,r2dbc");
        d.put("workloads", "select1,pgtype,wide,point,batch,bulk");
        d.put("warmup-min", "2");
        d.put("warmup-quiet", "2");
        d.put("warmup-max", "12");
        d.put("round", "2");
        d.put("rounds", "2");
        d.put("settle", "0.5");
        d.put("jvm-args", "-Xms1g -Xmx1g -Dio.netty.leakDetection.level=disabled");
        d.put("pgbench", "auto");
        d.put("c-reference", "auto");
        d.put("tls", "off");
        d.put("out", "tusk-bench/target/benchmarks.md");
        return d;
    }

    /** Parses {@code --name=value} arguments; unknown names fail, naming the known ones. */
    static Settings parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("argument \"" + arg + "\": expected --name=value");
            }
            String name = arg.substring(2, eq);
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + DEFAULTS.keySet());
            }
            values.put(name, arg.substring(eq + 1));
        }
        return new Settings(values);
    }

    /** The arguments that reproduce these settings, for a worker JVM. */
    List<String> toArguments() {
        List<String> args = new ArrayList<>();
        values.forEach((name, value) -> args.add("--" + name + "=" + value));
        return args;
    }

    List<Driver> drivers() {
        List<Driver> drivers = new ArrayList<>();
        for (String name : list("drivers")) {
            drivers.add(Driver.byLabel(name));
        }
        return drivers;
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (String name : list("workloads")) {
            workloads.add(Workload.byLabel(name));
        }
        return workloads;
    }

    long warmupMinMillis() {
        return millis("warmup-min");
    }

    long warmupQuietMillis() {
        return millis("warmup-quiet");
    }

    long warmupMaxMillis() {
        return millis("warmup-max");
    }

    long roundMillis() {
        return millis("round");
    }

    int rounds() {
        int rounds = Integer.parseInt(values.get("rounds"));
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds=" + rounds + ": expected >= 1");
        }
        return rounds;
    }

    long settleMillis() {
        return millis("settle");
    }

    List<String> jvmArgs() {
        return list("jvm-args", " ");
    }

    /** Whether to look for pgbench and run it as a reference. */
    boolean pgbench() {
        String value = values.get("pgbench");
        if (!value.equals("auto") && !value.equals("off")) {
            throw new IllegalArgumentException("--pgbench=" + value + ": expected auto or off");
        }
        return value.equals("auto");
    }

    /** Whether to compile and run the C reference clients. */
    boolean cReference() {
        String value = values.get("c-reference");
        if (!value.equals("auto") && !value.equals("off")) {
            throw new IllegalArgumentException("--c-reference=" + value + ": expected auto or off");
        }
        return value.equals("auto");
    }

    /** Whether (and with which engine) every driver connects with TLS to a server that offers it. */
    Tls tls() {
        return Tls.byLabel(values.get("tls"));
    }

    Path out() {
        return Path.of(values.get("out"));
    }

    /** The settings as {@code name=value} pairs, for the report. */
    String describe() {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(text.length() == 0 ? "" : " ").append("--").append(name)
                .append('=').append(value.contains(" ") ? "\"" + value + "\"" : value));
        return text.toString();
    }

    private List<String> list(String name) {
        return list(name, ",");
    }

    private List<String> list(String name, String separator) {
        List<String> items = new ArrayList<>();
        for (String item : values.get(name).split(separator)) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private long millis(String name) {
        double seconds = Double.parseDouble(values.get(name));
        if (seconds < 0) {
            throw new IllegalArgumentException("--" + name + "=" + seconds + ": expected >= 0 seconds");
        }
        return Math.round(seconds * 1000);
    }
}
