package dev.tusk.reliability;

import static dev.tusk.reliability.HostileServer.HANG_UP;
import static dev.tusk.reliability.HostileServer.concat;
import static dev.tusk.reliability.HostileServer.cstring;
import static dev.tusk.reliability.HostileServer.dataRow;
import static dev.tusk.reliability.HostileServer.describedAs;
import static dev.tusk.reliability.HostileServer.executed;
import static dev.tusk.reliability.HostileServer.frame;
import static dev.tusk.reliability.HostileServer.ints;
import static dev.tusk.reliability.HostileServer.message;
import static dev.tusk.reliability.HostileServer.shorts;
import static dev.tusk.reliability.Outcomes.failure;
import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Tusk;
import dev.tusk.exceptions.ProtocolViolationException;
import dev.tusk.exceptions.TuskException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that sends impossible bytes after a valid startup. Each case must fail the pending
 * call at once with a clear exception, close the connection when the stream can no longer be
 * trusted, allocate nothing large and let no exception escape into Netty.
 */
class HostileServerTest {

    /** Far below what trusting any of the hostile lengths here would allocate (at least 1 GiB). */
    private static final long ALLOCATION_BOUND = 64L << 20;

    private NettyWarnings nettyWarnings;

    @BeforeEach
    void watchNetty() {
        nettyWarnings = new NettyWarnings();
    }

    @AfterEach
    void nothingEscapedIntoNetty() {
        nettyWarnings.close();
        assertThat(nettyWarnings.warnings()).as("warnings logged by Netty").isEmpty();
    }

    /** Runs {@code call} against a server answering with {@code replies}; returns why it failed. */
    private static Throwable failureAgainst(Function<Connection, CompletableFuture<?>> call, boolean closes,
            byte[]... replies) throws IOException {
        try (HostileServer server = HostileServer.answering(replies)) {
            Connection conn = value(Tusk.connect(server.options().build()));
            long allocatedBefore = AllocationMeter.allocatedBytes();

            Throwable failure = failure(call.apply(conn));

            assertThat(AllocationMeter.allocatedBytes() - allocatedBefore).as("bytes allocated").isLessThan(ALLOCATION_BOUND);
            if (closes) {
                value(conn.onClose());
                assertThat(conn.isClosed()).isTrue();
                Outcomes.eventually("the client closed its socket", server::clientGone);
            }
            conn.terminate();
            return failure;
        }
    }

    private static Throwable simpleQueryFailure(byte[] reply) throws IOException {
        return failureAgainst(conn -> conn.execute("SELECT 1"), true, reply);
    }

    private static Throwable fetchFailure(boolean closes, byte[] description, byte[] execution) throws IOException {
        return failureAgainst(conn -> conn.fetch("SELECT x"), closes, description, execution);
    }

    /** fetchval decodes the value before completing, so a malformed value fails the call itself. */
    private static Throwable fetchvalFailure(byte[] description, byte[] execution) throws IOException {
        return failureAgainst(conn -> conn.fetchval("SELECT x"), false, description, execution);
    }

    @Test
    void frameLengthBelowFourIsAProtocolViolation() throws IOException {
        Throwable failure = simpleQueryFailure(frame('C', 3, new byte[0]));

        assertThat(failure).isInstanceOf(ProtocolViolationException.class).hasMessageContaining("length: 3");
    }

    @Test
    void shortMessageTypeLongerThanItsBoundIsRejectedBeforeItsBodyArrives() throws IOException {
        Throwable failure = simpleQueryFailure(frame('C', 100_000, new byte[0]));

        assertThat(failure).isInstanceOf(ProtocolViolationException.class).hasMessageContaining("100000");
    }

    @Test
    void dataRowLongerThanTheMaximumMessageSizeIsRejectedBeforeItsBodyArrives() throws IOException {
        Throwable failure = simpleQueryFailure(frame('D', Integer.MAX_VALUE, new byte[0]));

        assertThat(failure).isInstanceOf(ProtocolViolationException.class).hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
    }

    @Test
    void messageTypeUnexpectedInTheCurrentStateIsAProtocolViolation() throws IOException {
        Throwable failure = simpleQueryFailure(message('2', new byte[0]));

        assertThat(failure).isInstanceOf(ProtocolViolationException.class);
    }

    @Test
    void unknownMessageTypeIsAProtocolViolation() throws IOException {
        Throwable failure = simpleQueryFailure(message('!', new byte[0]));

        assertThat(failure).isInstanceOf(ProtocolViolationException.class);
    }

    @Test
    void frameTruncatedByTheServerHangingUpFailsTheCallWithAConnectionException() throws IOException {
        Throwable failure = failureAgainst(conn -> conn.execute("SELECT 1"), true,
                frame('C', 50, cstring("SELECT")), HANG_UP);

        Outcomes.assertConnectionFailure(failure);
    }

    @Test
    void stringFieldWithoutTerminatorIsAProtocolViolation() throws IOException {
        Throwable failure = simpleQueryFailure(message('C', "SELECT 1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

        assertThat(failure).isInstanceOf(ProtocolViolationException.class).hasMessageContaining("NUL");
    }

    @Test
    void errorResponseWithoutItsTerminatorIsAProtocolViolation() throws IOException {
        Throwable failure = simpleQueryFailure(message('E', concat(cstring("SERROR"), cstring("C42000"), cstring("Mboom"))));

        assertThat(failure).isInstanceOf(ProtocolViolationException.class);
    }

    @Test
    void dataRowValueLengthBeyondTheMessageIsAProtocolViolation() throws IOException {
        Throwable failure = fetchFailure(true, describedAs(23),
                executed(message('D', concat(shorts(1), ints(1000), ints(7)))));

        assertThat(failure).isInstanceOf(ProtocolViolationException.class);
    }

    @Test
    void dataRowColumnCountBeyondTheMessageIsAProtocolViolation() throws IOException {
        Throwable failure = fetchFailure(true, describedAs(23),
                executed(message('D', concat(shorts(30_000), ints(4), ints(7)))));

        assertThat(failure).isInstanceOf(ProtocolViolationException.class);
    }

    @Test
    void rowDescriptionWithAHugeFieldCountIsAProtocolViolation() throws IOException {
        byte[] description = concat(message('1', new byte[0]), message('t', shorts(0)),
                message('T', concat(shorts(65_535), cstring("x"), new byte[18])));

        Throwable failure = fetchFailure(true, description, HANG_UP);

        assertThat(failure).isInstanceOf(ProtocolViolationException.class).hasMessageContaining("65535");
    }

    @Test
    void arrayHeaderClaimingABillionElementsFailsTheCallWithoutAllocatingThem() throws IOException {
        byte[] hostileArray = ints(1, 0, 23, 1_000_000_000, 1);

        Throwable failure = fetchvalFailure(describedAs(1007), executed(dataRow(hostileArray)));

        assertThat(failure).isInstanceOf(TuskException.class).hasMessageContaining("1000000000");
    }

    @Test
    void numericClaimingMoreDigitsThanItsBytesFailsTheCall() throws IOException {
        byte[] hostileNumeric = shorts(65_535, 0, 0, 0);

        Throwable failure = fetchvalFailure(describedAs(1700), executed(dataRow(hostileNumeric)));

        assertThat(failure).isInstanceOf(TuskException.class).hasMessageContaining("65535");
    }
}
