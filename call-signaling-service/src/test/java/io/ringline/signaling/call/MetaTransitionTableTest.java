package io.ringline.signaling.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §3 for the Meta Cloud API (GO's rows plus pre-accept), row by row: every listed row is allowed, everything else is rejected. */
class MetaTransitionTableTest {

    private static final String[] ALLOWED = {
        "OUTBOUND, INITIATED, PROVIDER_RINGING, RINGING",
        "OUTBOUND, INITIATED, PEER_ANSWERED, ACCEPTED",
        "OUTBOUND, RINGING, PEER_ANSWERED, ACCEPTED",
        "INBOUND, RINGING, PRE_ACCEPT, RINGING",
        "INBOUND, RINGING, ACCEPT, ACCEPTED",
        "INBOUND, RINGING, PEER_ANSWERED, ACCEPTED",
        "INBOUND, RINGING, REJECT, REJECTED",
        "INBOUND, RINGING, DECLINED, REJECTED",
        "OUTBOUND, INITIATED, DECLINED, REJECTED",
        "OUTBOUND, RINGING, DECLINED, REJECTED",
        "INBOUND, ACCEPTED, TERMINATE, COMPLETED",
        "OUTBOUND, ACCEPTED, TERMINATE, COMPLETED",
        "INBOUND, ACCEPTED, HUNG_UP, COMPLETED",
        "OUTBOUND, ACCEPTED, HUNG_UP, COMPLETED",
        "OUTBOUND, INITIATED, TERMINATE, COMPLETED",
        "OUTBOUND, RINGING, TERMINATE, COMPLETED",
        "OUTBOUND, INITIATED, HUNG_UP, COMPLETED",
        "OUTBOUND, RINGING, HUNG_UP, COMPLETED",
        "OUTBOUND, INITIATED, RING_TIMEOUT, FAILED",
        "OUTBOUND, RINGING, RING_TIMEOUT, FAILED",
        "INBOUND, RINGING, HUNG_UP, MISSED",
        "INBOUND, RINGING, RING_TIMEOUT, MISSED",
        "OUTBOUND, INITIATED, FAILURE, FAILED",
        "OUTBOUND, RINGING, FAILURE, FAILED",
        "INBOUND, RINGING, FAILURE, FAILED",
        "OUTBOUND, ACCEPTED, FAILURE, FAILED",
        "INBOUND, ACCEPTED, FAILURE, FAILED",
    };

    private final TransitionTable table = TransitionTable.of(Provider.META);

    static Stream<Arguments> allowed() {
        return TableExpectations.allowed(ALLOWED);
    }

    static Stream<Arguments> rejected() {
        return TableExpectations.rejected(ALLOWED);
    }

    @ParameterizedTest(name = "{0} {1} --{2}--> {3}")
    @MethodSource("allowed")
    void allows(Direction direction, CallStatus from, Trigger trigger, CallStatus to) {
        assertThat(table.next(direction, from, trigger)).contains(to);
    }

    @ParameterizedTest(name = "{0} {1} --{2}--> rejected")
    @MethodSource("rejected")
    void rejects(Direction direction, CallStatus from, Trigger trigger) {
        assertThat(table.next(direction, from, trigger)).isEmpty();
    }

    @Test
    void hasExactlyTheListedRows() {
        assertThat(table.rows()).hasSize(ALLOWED.length);
    }
}
