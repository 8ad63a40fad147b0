package dev.tusk.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutAndInterfaceExceptionTest {

    @Test
    void queryTimeoutStatesTheElapsedTimeAndTheTimeout() {
        QueryTimeoutException e = new QueryTimeoutException(Duration.ofSeconds(5), Duration.ofMillis(5012));

        assertThat(e).hasMessage("query timed out after 5012 ms (timeout: 5000 ms)")
                .isInstanceOf(TuskTimeoutException.class).isInstanceOf(TuskException.class);
        assertThat(e.getTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(e.getElapsed()).isEqualTo(Duration.ofMillis(5012));
        assertThat(e.getCause()).isNull();
    }

    @Test
    void connectTimeoutNamesTheAddressAndChainsTheLastFailure() {
        ConnectException lastFailure = new ConnectException("Connection refused");

        ConnectTimeoutException e = new ConnectTimeoutException("db.example.com:5432", Duration.ofSeconds(10),
                Duration.ofMillis(10003), lastFailure);

        assertThat(e).hasMessage("connecting to db.example.com:5432 timed out after 10003 ms (timeout: 10000 ms)")
                .hasCause(lastFailure).isInstanceOf(TuskTimeoutException.class);
    }

    @Test
    void interfaceExceptionCarriesMessageAndOptionalCause() {
        IllegalStateException cause = new IllegalStateException("closed");

        assertThat(new InterfaceException("the connection is closed")).hasMessage("the connection is closed")
                .hasNoCause().isInstanceOf(TuskException.class);
        assertThat(new InterfaceException("cannot construct Foo", cause)).hasCause(cause);
    }
}
