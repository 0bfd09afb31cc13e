package io.ringline.bench.scenario;

import io.netty.handler.codec.http.HttpHeaders;
import io.ringline.bench.media.FrameFlow;
import io.ringline.bench.receiver.WebhookFields;
import io.ringline.bench.receiver.LoopbackWebhookReceivers;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The media scenario's books. Sessions: every one offered is opened or failed (with why), and an opened one that
 * the bridge ended before the generator closed it is lost. Calls: every call placed for a session must bring
 * {@code call.connected} (the session is only asked for then) and, once the generator terminated it,
 * {@code call.ended}. Frames: in each direction every frame received was sent, once, in order, and is ours; what
 * was sent and never arrived is a dropped frame — a figure of the run, not a fault of the books. Each update is O(1).
 */
public final class MediaLedger implements LoopbackWebhookReceivers.Route {

    private static final class CallBook {
        final Sinks.One<Boolean> connected = Sinks.one();
        volatile boolean accepted;
        volatile boolean ended;
    }

    private final Map<String, CallBook> calls = new ConcurrentHashMap<>();
    private final LongAdder offered = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder terminated = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    /** The books as of now (frame counts from the two flows, after the last frames drained). */
    public record Tally(long sessionsOffered, long sessionsOpened, long sessionsFailed, Map<String, Long> failures,
            long sessionsLost, long callsAccepted, long callsTerminated, long callsEndedMissing,
            FrameFlow.Counts toProvider, FrameFlow.Counts toClient, long unmatchedConnections) {

        public long droppedFrames() {
            return toProvider.sent() - toProvider.received() + toClient.sent() - toClient.received();
        }

        /**
         * Sessions offered = opened + failed; every terminated call ended; no frame arrived that was not sent, twice,
         * out of order or not ours; and the bridge connected to the GO side only for sessions we asked for.
         */
        public boolean balanced() {
            return sessionsOffered == sessionsOpened + sessionsFailed && callsEndedMissing == 0
                    && ok(toProvider) && ok(toClient) && unmatchedConnections == 0;
        }

        private static boolean ok(FrameFlow.Counts c) {
            return c.received() <= c.sent() && c.outOfOrder() == 0 && c.foreign() == 0;
        }
    }

    void offered() {
        offered.increment();
    }

    void opened() {
        opened.increment();
    }

    void failed(String why) {
        failed.increment();
        failures.computeIfAbsent(why, k -> new LongAdder()).increment();
    }

    void accepted(String callId) {
        accepted.increment();
        calls.computeIfAbsent(callId, id -> new CallBook()).accepted = true;
    }

    void terminated() {
        terminated.increment();
    }

    /** Completes when the call's {@code call.connected} webhook has arrived (it may have before this is asked). */
    Mono<Boolean> connected(String callId) {
        return calls.computeIfAbsent(callId, id -> new CallBook()).connected.asMono();
    }

    @Override
    public LoopbackWebhookReceivers.Answer handle(String path, HttpHeaders headers, byte[] body, long arrivalNanos) {
        WebhookFields payload = WebhookFields.parse(body);
        if (payload.callId() != null && payload.event() != null) {
            CallBook call = calls.computeIfAbsent(payload.callId(), id -> new CallBook());
            switch (payload.event()) {
                case "call.connected" -> call.connected.tryEmitValue(true);
                case "call.ended", "call.missed" -> call.ended = true;
                default -> {
                }
            }
        }
        return LoopbackWebhookReceivers.Answer.OK;
    }

    /** Accepted calls whose end has not arrived yet. */
    long endsMissing() {
        return calls.values().stream().filter(c -> c.accepted && !c.ended).count();
    }

    Tally tally(long sessionsLost, FrameFlow toProvider, FrameFlow toClient, long unmatched) {
        Map<String, Long> why = new TreeMap<>();
        failures.forEach((k, v) -> why.put(k, v.sum()));
        return new Tally(offered.sum(), opened.sum(), failed.sum(), why, sessionsLost, accepted.sum(),
                terminated.sum(), endsMissing(), toProvider.counts(), toClient.counts(), unmatched);
    }
}
