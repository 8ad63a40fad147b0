package dev.tusk.test;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran. Registered for every
 * test class through JUnit's extension auto-detection (see junit-platform.properties).
 */
public final class NoLeaks implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = LeakDetection.collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " leaked buffer(s) reported by Netty's leak detector:\n"
                    + String.join("\n\n", leaks));
        }
    }
}
