package io.ringline.signaling.call;

import static io.ringline.signaling.call.CallStatus.ACCEPTED;
import static io.ringline.signaling.call.CallStatus.COMPLETED;
import static io.ringline.signaling.call.CallStatus.FAILED;
import static io.ringline.signaling.call.CallStatus.INITIATED;
import static io.ringline.signaling.call.CallStatus.MISSED;
import static io.ringline.signaling.call.CallStatus.REJECTED;
import static io.ringline.signaling.call.CallStatus.RINGING;
import static io.ringline.signaling.call.Direction.INBOUND;
import static io.ringline.signaling.call.Direction.OUTBOUND;
import static io.ringline.signaling.call.Trigger.ACCEPT;
import static io.ringline.signaling.call.Trigger.DECLINED;
import static io.ringline.signaling.call.Trigger.FAILURE;
import static io.ringline.signaling.call.Trigger.HUNG_UP;
import static io.ringline.signaling.call.Trigger.PEER_ANSWERED;
import static io.ringline.signaling.call.Trigger.PRE_ACCEPT;
import static io.ringline.signaling.call.Trigger.PROVIDER_RINGING;
import static io.ringline.signaling.call.Trigger.RECONCILED;
import static io.ringline.signaling.call.Trigger.REJECT;
import static io.ringline.signaling.call.Trigger.RING_TIMEOUT;
import static io.ringline.signaling.call.Trigger.TERMINATE;

import io.ringline.signaling.call.TransitionTable.Row;
import io.ringline.signaling.number.Provider;
import java.util.ArrayList;
import java.util.List;

/** The per-provider state machines of SPEC §3, row by row. */
final class TransitionTables {

    /** The rows both providers share. */
    private static final List<Row> COMMON = List.of(
            // the provider reports the user's phone ringing
            new Row(OUTBOUND, INITIATED, PROVIDER_RINGING, RINGING),
            // answered: by the user (outbound), by the business here or on another device (inbound)
            new Row(OUTBOUND, INITIATED, PEER_ANSWERED, ACCEPTED),
            new Row(OUTBOUND, RINGING, PEER_ANSWERED, ACCEPTED),
            new Row(INBOUND, RINGING, ACCEPT, ACCEPTED),
            new Row(INBOUND, RINGING, PEER_ANSWERED, ACCEPTED),
            // declined
            new Row(INBOUND, RINGING, REJECT, REJECTED),
            new Row(INBOUND, RINGING, DECLINED, REJECTED),
            new Row(OUTBOUND, INITIATED, DECLINED, REJECTED),
            new Row(OUTBOUND, RINGING, DECLINED, REJECTED),
            // an answered call ends
            new Row(INBOUND, ACCEPTED, TERMINATE, COMPLETED),
            new Row(OUTBOUND, ACCEPTED, TERMINATE, COMPLETED),
            new Row(INBOUND, ACCEPTED, HUNG_UP, COMPLETED),
            new Row(OUTBOUND, ACCEPTED, HUNG_UP, COMPLETED),
            // an unanswered outbound call ends: given up (COMPLETED) or rang out (FAILED, NO_ANSWER)
            new Row(OUTBOUND, INITIATED, TERMINATE, COMPLETED),
            new Row(OUTBOUND, RINGING, TERMINATE, COMPLETED),
            new Row(OUTBOUND, INITIATED, HUNG_UP, COMPLETED),
            new Row(OUTBOUND, RINGING, HUNG_UP, COMPLETED),
            new Row(OUTBOUND, INITIATED, RING_TIMEOUT, FAILED),
            new Row(OUTBOUND, RINGING, RING_TIMEOUT, FAILED),
            // an unanswered inbound call: the caller hung up or the accept window ran out
            new Row(INBOUND, RINGING, HUNG_UP, MISSED),
            new Row(INBOUND, RINGING, RING_TIMEOUT, MISSED),
            // any non-terminal call can fail
            new Row(OUTBOUND, INITIATED, FAILURE, FAILED),
            new Row(OUTBOUND, RINGING, FAILURE, FAILED),
            new Row(INBOUND, RINGING, FAILURE, FAILED),
            new Row(OUTBOUND, ACCEPTED, FAILURE, FAILED),
            new Row(INBOUND, ACCEPTED, FAILURE, FAILED),
            // the provider went silent and reconciliation settled the call: an answered call completed, an
            // unanswered outbound one failed, an unanswered inbound one was missed
            new Row(OUTBOUND, INITIATED, RECONCILED, FAILED),
            new Row(OUTBOUND, RINGING, RECONCILED, FAILED),
            new Row(INBOUND, RINGING, RECONCILED, MISSED),
            new Row(OUTBOUND, ACCEPTED, RECONCILED, COMPLETED),
            new Row(INBOUND, ACCEPTED, RECONCILED, COMPLETED));

    /** Evolution GO: no SDP, so no pre-accept. */
    static final TransitionTable EVO_GO = new TransitionTable(Provider.EVO_GO, COMMON);

    /** Meta Cloud API: an inbound call may be pre-accepted (SDP answer sent early; status unchanged). */
    static final TransitionTable META = new TransitionTable(Provider.META, plus(COMMON,
            new Row(INBOUND, RINGING, PRE_ACCEPT, RINGING)));

    private TransitionTables() {
    }

    private static List<Row> plus(List<Row> base, Row... extra) {
        List<Row> rows = new ArrayList<>(base);
        rows.addAll(List.of(extra));
        return rows;
    }
}
