package dev.tusk.testkit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clusters not closed yet, closed by a JVM shutdown hook so that a test run that forgets
 * {@link TempCluster#close()} (or is interrupted) leaves no server and no data directory behind.
 */
final class LiveClusters {

    private static final Set<TempCluster> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LiveClusters::closeAll, "tusk-testkit-shutdown"));
    }

    private LiveClusters() {
    }

    static void add(TempCluster cluster) {
        OPEN.add(cluster);
    }

    static void remove(TempCluster cluster) {
        OPEN.remove(cluster);
    }

    private static void closeAll() {
        for (TempCluster cluster : List.copyOf(OPEN)) {
            try {
                cluster.close();
            } catch (RuntimeException e) {
                // Shutting down: report and go on with the other clusters.
                System.err.println("tusk-testkit: could not close " + cluster + ": " + e.getMessage());
            }
        }
    }
}
