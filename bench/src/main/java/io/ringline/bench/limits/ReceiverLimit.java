package io.ringline.bench.limits;

import io.ringline.bench.load.ClosedLoop;
import io.ringline.bench.load.Http;
import io.ringline.bench.load.Outcome;
import io.ringline.bench.load.RunResult;
import io.ringline.bench.observe.CpuMeter;
import io.ringline.bench.observe.Meters;
import io.ringline.bench.receiver.WebhookFields;
import io.ringline.bench.receiver.LoopbackWebhookReceivers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;

/**
 * The bare HTTP POST loop to the generator's own webhook receiver, with a webhook-shaped body read the way the
 * ledgers read it: how many webhooks per second this receiver (and this client) can take at all — the ceiling of
 * every delivery figure the benchmark reports. Both ends are in the generator's JVM.
 */
public final class ReceiverLimit {

    static final int CONCURRENCY = 64;
    private static final byte[] BODY = ("{\"id\":\"evt_01J0000000000000000000000\",\"event\":\"call.ringing\","
            + "\"createdAt\":\"2026-12-03T10:00:00Z\",\"callId\":\"call_01J0000000000000000000000\","
            + "\"externalCallId\":\"3EB0C767D26A1D8E3F4B2A1C9D8E7F60\",\"provider\":\"EVO_GO\","
            + "\"numberId\":\"num_01J0000000000000000000000\",\"direction\":\"OUTBOUND\",\"status\":\"RINGING\","
            + "\"endReason\":null,\"peerNumber\":\"+5511988887777\",\"sequence\":1}").getBytes();

    private ReceiverLimit() {
    }

    public static LimitReport measure(Http http, LoopbackWebhookReceivers receiver, Duration duration, CpuMeter generatorCpu) {
        LongAdder received = new LongAdder();
        receiver.route("limit", (path, headers, body, arrival) -> {
            if (WebhookFields.parse(body).event() != null) {
                received.increment();
            }
            return LoopbackWebhookReceivers.Answer.OK;
        });
        String url = receiver.url() + "/limit/endpoint";
        ClosedLoop.run(CONCURRENCY, duration.dividedBy(3), () -> post(http, url));
        var before = generatorCpu.snapshot();
        RunResult run = ClosedLoop.run(CONCURRENCY, duration, () -> post(http, url));
        return LimitReport.of("bare HTTP POST loop to the generator's webhook receiver (webhook-shaped JSON)", run,
                CONCURRENCY, Meters.perOperation(before, generatorCpu.snapshot(), run.ok()));
    }

    private static Mono<Outcome> post(Http http, String url) {
        return http.post(url, Map.of("webhook-id", "evt_limit"), BODY)
                .map(r -> r.is2xx() ? Outcome.OK : Outcome.failed("HTTP " + r.status()));
    }
}
