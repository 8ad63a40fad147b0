package dev.tusk.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a worker: where CPU time goes (execution samples by the method
 * on top of the stack, "self", and by every method on the stack, "total") and where allocation
 * goes (allocation samples' weight by allocated class and allocating method). Samples of the
 * {@code main} thread (the harness) are left out.
 *
 * <pre>
 * java -cp tusk-bench/target/tusk-bench.jar dev.tusk.bench.JfrTop recording.jfr [rows]
 * </pre>
 */
public final class JfrTop {

    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> total = new HashMap<>();
    private final Map<String, Long> allocation = new HashMap<>();
    private long samples;
    private long allocated;

    private JfrTop() {
    }

    /** Prints the summary of the recording {@code args[0]}, {@code args[1]} lines per table (default 25). */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        JfrTop top = new JfrTop();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            top.add(event);
        }
        top.print(rows);
    }

    private void add(RecordedEvent event) {
        String type = event.getEventType().getName();
        boolean execution = type.equals("jdk.ExecutionSample");
        if (!execution && !type.equals("jdk.ObjectAllocationSample")
                || event.getStackTrace() == null || isHarnessThread(event, execution)) {
            return;
        }
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        if (frames.isEmpty()) {
            return;
        }
        if (execution) {
            samples++;
            self.merge(name(frames.get(0)), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (seen.add(name)) {
                    total.merge(name, 1L, Long::sum);
                }
            }
        } else {
            long weight = event.getLong("weight");
            allocated += weight;
            String site = event.getClass("objectClass").getName() + " in " + allocationSite(frames);
            allocation.merge(site, weight, Long::sum);
        }
    }

    private static boolean isHarnessThread(RecordedEvent event, boolean execution) {
        RecordedThread thread = execution ? event.getThread("sampledThread") : event.getThread();
        return thread != null && "main".equals(thread.getJavaName());
    }

    /** The first frame outside java.*, jdk.* and sun.* (the code that asked for the object), with its caller. */
    private static String allocationSite(List<RecordedFrame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            String name = name(frames.get(i));
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                return i + 1 < frames.size() ? name + " < " + name(frames.get(i + 1)) : name;
            }
        }
        return name(frames.get(0));
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }

    private void print(int rows) {
        System.out.printf(Locale.ROOT, "%d execution samples (threads other than main)%n%n", samples);
        table("self %", self, samples, rows);
        table("total %", total, samples, rows);
        System.out.printf(Locale.ROOT, "%.1f MB allocation sampled%n%n", allocated / 1e6);
        table("alloc %", allocation, allocated, rows);
    }

    private static void table(String title, Map<String, Long> counts, long all, int rows) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        System.out.println("| " + title + " | method |");
        System.out.println("|--:|---|");
        for (int i = 0; i < Math.min(rows, entries.size()); i++) {
            System.out.printf(Locale.ROOT, "| %.1f | `%s` |%n", 100.0 * entries.get(i).getValue() / Math.max(all, 1),
                    entries.get(i).getKey());
        }
        System.out.println();
    }
}
