package io.ringline.signaling.call.persistence;

import io.r2dbc.spi.Readable;
import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.CallStatus;
import io.ringline.signaling.call.Direction;
import io.ringline.signaling.call.EndReason;
import io.ringline.signaling.call.Peer;
import io.ringline.signaling.call.Progress;
import io.ringline.signaling.call.Revision;
import io.ringline.signaling.call.Sdp;
import io.ringline.signaling.call.Timeline;
import io.ringline.signaling.number.NumberRef;
import io.ringline.signaling.number.Provider;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** The {@code calls} row ↔ {@link CallSnapshot} mapping both the write and the read side use. */
final class CallRows {

    static final String COLUMNS = """
            id, number_id, tenant_id, provider, direction, status, end_reason, external_call_id, peer_number,
            peer_ref, duration_seconds, biz_opaque_callback_data, sdp_offer, sdp_answer, started_at, connected_at,
            ended_at, created_at, updated_at, event_sequence, version""";

    private CallRows() {
    }

    static CallSnapshot toSnapshot(Readable row) {
        String endReason = row.get("end_reason", String.class);
        return new CallSnapshot(
                row.get("id", String.class),
                new NumberRef(row.get("number_id", String.class), row.get("tenant_id", String.class),
                        Provider.valueOf(row.get("provider", String.class))),
                Direction.valueOf(row.get("direction", String.class)),
                new Peer(row.get("peer_number", String.class), row.get("peer_ref", String.class)),
                row.get("external_call_id", String.class),
                row.get("biz_opaque_callback_data", String.class),
                new Progress(CallStatus.valueOf(row.get("status", String.class)),
                        endReason == null ? null : EndReason.valueOf(endReason),
                        row.get("duration_seconds", Integer.class)),
                new Sdp(row.get("sdp_offer", String.class), row.get("sdp_answer", String.class)),
                new Timeline(row.get("created_at", Instant.class), row.get("started_at", Instant.class),
                        row.get("connected_at", Instant.class), row.get("ended_at", Instant.class),
                        row.get("updated_at", Instant.class)),
                new Revision(row.get("event_sequence", Long.class), row.get("version", Long.class)));
    }

    static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
