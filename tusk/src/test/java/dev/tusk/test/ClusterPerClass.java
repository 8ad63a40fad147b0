package dev.tusk.test;

import dev.tusk.testkit.TempCluster;
import dev.tusk.testkit.TempClusterBuilder;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server of its own for one test class, started before its first test and stopped after its
 * last: {@code @RegisterExtension static final ClusterPerClass server = new ClusterPerClass(settings -> settings.ssl(true));}
 * then {@code server.get()} in the tests.
 */
public final class ClusterPerClass implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<TempClusterBuilder> settings;
    private TempCluster cluster;

    /** @param settings what the class's server needs beyond the test kit's defaults */
    public ClusterPerClass(UnaryOperator<TempClusterBuilder> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = settings.apply(TempCluster.builder()).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The running server. */
    public TempCluster get() {
        if (cluster == null) {
            throw new IllegalStateException("the server starts before the class's first test");
        }
        return cluster;
    }
}
