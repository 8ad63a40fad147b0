package dev.tusk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.internal.connection.Transports;
import org.junit.jupiter.api.Test;

/**
 * The shared event-loop group is sized so that, with loops started as connections arrive and
 * connections placed round-robin, up to 16 connections each get a thread of their own
 * (docs/architecture.md, "Threads").
 */
class EventLoopsTest {

    @Test
    void theDefaultGroupHasTwiceTheCoresAndAtLeastSixteenLoops() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(Transports.defaultEventLoopThreads()).isEqualTo(Math.max(16, 2 * cores));
    }
}
