package io.ringline.bench.scenario;

import io.ringline.bench.BenchConfig;
import io.ringline.bench.load.Http;
import io.ringline.bench.load.Latencies;
import io.ringline.bench.load.LatencySummary;
import io.ringline.bench.media.FrameFlow;
import io.ringline.bench.media.FramePacer;
import io.ringline.bench.media.GoMediaEndpoint;
import io.ringline.bench.media.MediaSession;
import io.ringline.bench.observe.LiveHeap;
import io.ringline.bench.observe.Meters;
import io.ringline.bench.platform.Target;
import io.ringline.bench.report.Num;
import io.ringline.bench.seed.GoNumber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code media}: concurrent realtime sessions on answered EVO_GO calls, each streaming 20 ms PCM16 16 kHz frames
 * both ways at real time, in rising steps of sessions. Each session is what a tenant does: {@code POST /v1/calls}
 * to a simulated user who answers, {@code call.connected}, {@code POST /v1/calls/{id}/realtime-session}, a
 * WebSocket to its {@code wsUrl}. The bridge's upstream lands on the generator's own {@link GoMediaEndpoint}, so a
 * frame is timed from its send stamp at one end of the generator to its arrival at the other. The generator streams
 * at real time, so its sessions ask for the {@code live} playout (docs/api.md "Buffered or live"): a stall anywhere
 * costs audio dropped, not a delay kept for the rest of the call. A step is sustained when every session of it is
 * open, no frame to the client was lost and at most {@value #MAX_LATE_DROPPED_PCT} % of the frames to GO were dropped
 * late during its window (ITU-T G.1010's bound for conversational voice is < 3 % loss); the first that is not ends
 * the ramp.
 *
 * <p>A control group of sessions runs beside them all along, the same generator client straight to the same GO
 * endpoint without the bridge: under the same load, its latency is what the generator and one loopback hop cost
 * by themselves, and the relay's minus the control's estimates what the bridge adds.
 */
public final class MediaScenario {

    private static final Logger log = LoggerFactory.getLogger(MediaScenario.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String BRIDGE = "media-bridge-service";
    /** The session is asked for once the call is connected: within this, or it failed. */
    private static final Duration OPEN_WITHIN = Duration.ofSeconds(30);
    /** Before each window: the sessions just opened settle (connections, first frames). */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    public static final String PLAYOUT = "live";
    private static final byte[] SESSION_OPTIONS = ("{\"playout\":\"" + PLAYOUT + "\"}").getBytes();
    static final double MAX_LATE_DROPPED_PCT = 1.0;

    private record PlacedCall(String id, String apiKey) {
    }

    private final BenchConfig config;
    private final String gatewayUrl;
    private final Http http;
    private final Meters meters;
    private final MediaLedger ledger;
    private final List<GoNumber> numbers;
    private final List<String> users;
    private final GoMediaEndpoint endpoint;
    private final Target.Service bridge;
    private final String internalToken;
    private final FrameFlow toProvider = new FrameFlow();
    private final FrameFlow toClient = new FrameFlow();
    private final FrameFlow directUp = new FrameFlow();
    private final FrameFlow directDown = new FrameFlow();
    private final HttpClient webSockets = HttpClient.create();
    private final List<MediaSession> sessions = new ArrayList<>();
    private final Queue<PlacedCall> placed = new ConcurrentLinkedQueue<>();
    /** Every session offered gets its own index (its frames' session number), failed ones included. */
    private int nextIndex;

    public MediaScenario(BenchConfig config, String gatewayUrl, Http http, Meters meters, MediaLedger ledger,
            List<GoNumber> numbers, List<String> users, GoMediaEndpoint endpoint, Target.Service bridge,
            String internalToken) {
        this.config = config;
        this.gatewayUrl = gatewayUrl;
        this.http = http;
        this.meters = meters;
        this.ledger = ledger;
        this.numbers = numbers;
        this.users = users;
        this.endpoint = endpoint;
        this.bridge = bridge;
        this.internalToken = internalToken;
    }

    public MediaReport run() {
        List<MediaReport.Step> steps = new ArrayList<>();
        Long idleHeap = LiveHeap.afterFullGc(bridge.pid(), bridge.url(), internalToken);
        log.info("media: bridge live heap before any session {} MiB", idleHeap == null ? "?" : idleHeap >> 20);
        List<MediaSession> control = new ArrayList<>();
        try (FramePacer pacer = new FramePacer()) {
            for (int i = 0; i < config.mediaControlSessions(); i++) {
                MediaSession direct = new MediaSession(i, "direct-" + i, directUp, directDown);
                endpoint.register(direct);
                direct.connect(webSockets, endpoint.directUrl(direct.goCallId()), Duration.ofSeconds(10))
                        .block(Duration.ofSeconds(15));
                pacer.start(direct);
                control.add(direct);
            }
            for (int level : config.mediaSessions()) {
                int more = Math.max(0, level - sessions.size());
                List<MediaSession> opened = Flux.range(nextIndex, more)
                        .delayElements(Duration.ofNanos((long) (1e9 / config.mediaOpenRate())))
                        .flatMap(i -> open(i, pacer), 256)
                        .collectList()
                        .block(OPEN_WITHIN.plusSeconds((long) (level / config.mediaOpenRate()) + 30));
                nextIndex += more;
                sessions.addAll(opened == null ? List.of() : opened);
                sleep(SETTLE.toMillis());
                MediaReport.Step step = measure(level, pacer, toProvider, idleHeap);
                steps.add(step);
                log.info("media {} sessions ({} open): relay p50 {} ms p99 {} ms (to GO p99 {}, to client p99 {}), "
                                + "{} frames/s, {} dropped, bridge CPU {} %, heap {} KiB/session → {}", level,
                        step.open(), step.relayP50Ms(), step.relayP99Ms(), step.toProviderP99Ms(),
                        step.toClientP99Ms(), step.framesPerSec(), step.droppedFrames(), step.bridgeCpuPct(),
                        step.bridgeHeapPerSessionKiB(), step.verdict());
                if (!step.sustained()) {
                    break;
                }
            }
            // Stop sending, let the last frames arrive, then count what never did.
            sessions.forEach(pacer::stop);
            control.forEach(pacer::stop);
        }
        control.forEach(MediaSession::close);
        control.forEach(endpoint::unregister);
        Drain.await(() -> toProvider.counts().received() >= toProvider.counts().sent()
                        && toClient.counts().received() >= toClient.counts().sent(),
                () -> toProvider.counts().received() + toClient.counts().received(), Duration.ofSeconds(3),
                Duration.ofSeconds(30));
        long lost = sessions.stream().filter(s -> s.endedUnexpectedly() != null).count();
        sessions.stream().filter(s -> s.endedUnexpectedly() != null).limit(5)
                .forEach(s -> log.warn("media: session {} ended early: {}", s.index(), s.endedUnexpectedly()));
        long bufferFull = sessions.stream().mapToLong(MediaSession::bufferFullErrors).sum();
        sessions.forEach(MediaSession::close);
        sessions.forEach(endpoint::unregister);
        hangUp();
        boolean ended = Drain.await(() -> ledger.endsMissing() == 0, () -> -ledger.endsMissing(),
                config.ledgerDrain(), Duration.ofMinutes(5));
        log.info("media: {} of the calls ended", ended ? "all" : "NOT all");
        MediaLedger.Tally tally = ledger.tally(lost, toProvider, toClient, endpoint.unmatched());
        return report(steps, tally, idleHeap, bufferFull);
    }

    private Mono<MediaSession> open(int index, FramePacer pacer) {
        GoNumber number = numbers.get(index % numbers.size());
        Map<String, String> key = Map.of("x-api-key", number.apiKey());
        ledger.offered();
        return http.post(gatewayUrl + "/v1/calls", key, JSON.writeValueAsBytes(Map.of("to",
                        users.get(index % users.size()))))
                .flatMap(response -> response.status() == 201 ? Mono.just(JSON.readTree(response.body()))
                        : Mono.error(new Refused("POST /v1/calls " + response.status())))
                .flatMap(call -> {
                    String callId = call.path("id").asString();
                    ledger.accepted(callId);
                    placed.add(new PlacedCall(callId, number.apiKey()));
                    MediaSession session = new MediaSession(index, call.path("externalCallId").asString(),
                            toProvider, toClient);
                    endpoint.register(session);
                    return ledger.connected(callId)
                            .timeout(OPEN_WITHIN, Mono.error(new Refused("no call.connected")))
                            .then(realtimeSession(callId, key))
                            .flatMap(wsUrl -> session.connect(webSockets, wsUrl, Duration.ofSeconds(10))
                                    .onErrorMap(e -> new Refused("no start or no upstream within 10 s")))
                            .thenReturn(session);
                })
                .doOnNext(session -> {
                    ledger.opened();
                    pacer.start(session);
                })
                .onErrorResume(e -> {
                    ledger.failed(e instanceof Refused ? e.getMessage() : e.getClass().getSimpleName());
                    return Mono.empty();
                });
    }

    /** {@code wsUrl} of a new session; a call whose connected state has not reached the gateway yet is asked again. */
    private Mono<String> realtimeSession(String callId, Map<String, String> key) {
        return http.post(gatewayUrl + "/v1/calls/" + callId + "/realtime-session", key, SESSION_OPTIONS)
                .flatMap(response -> {
                    if (response.status() == 200) {
                        JsonNode session = JSON.readTree(response.body());
                        return Mono.just(session.path("wsUrl").asString());
                    }
                    return Mono.error(new Refused("POST realtime-session " + response.status()));
                })
                .retryWhen(Retry.fixedDelay(10, Duration.ofMillis(200))
                        .filter(e -> e.getMessage() != null && e.getMessage().endsWith(" 409"))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private MediaReport.Step measure(int level, FramePacer pacer, FrameFlow toProvider, Long idleHeap) {
        var cpuBefore = meters.cpu().snapshot();
        var upBefore = toProvider.counts();
        var downBefore = toClient.counts();
        toProvider.swapLatency();
        toClient.swapLatency();
        directUp.swapLatency();
        directDown.swapLatency();
        pacer.swapLag();
        long t0 = System.nanoTime();
        sleep(config.mediaWindow().toMillis());
        Latencies up = toProvider.swapLatency();
        Latencies down = toClient.swapLatency();
        Latencies lag = pacer.swapLag();
        LatencySummary direct = Latencies.merged(directUp.swapLatency(), directDown.swapLatency()).summary();
        double seconds = (System.nanoTime() - t0) / 1e9;
        var cpuAfter = meters.cpu().snapshot();
        var upDelta = toProvider.counts().minus(upBefore);
        var downDelta = toClient.counts().minus(downBefore);
        Map<String, Double> cpuPct = Meters.percent(cpuBefore, cpuAfter, seconds);
        int open = (int) sessions.stream().filter(s -> s.endedUnexpectedly() == null).count();
        Long heap = LiveHeap.afterFullGc(bridge.pid(), bridge.url(), internalToken);
        Double perSession = heap == null || idleHeap == null || open == 0 ? null
                : Num.round((heap - idleHeap) / 1024.0 / open, 1);
        LatencySummary upS = up.summary();
        LatencySummary downS = down.summary();
        LatencySummary both = Latencies.merged(up, down).summary();
        long dropped = upDelta.gaps() + downDelta.gaps();
        Double lateDroppedPct = upDelta.sent() == 0 ? null : Num.round(100.0 * upDelta.gaps() / upDelta.sent(), 3);
        String verdict = verdict(level, open, upDelta, downDelta.gaps(), both.count());
        return new MediaReport.Step(level, open, Num.round(seconds, 1), Num.round(upS.p50Ms(), 2),
                Num.round(upS.p99Ms(), 2), Num.round(downS.p50Ms(), 2), Num.round(downS.p99Ms(), 2),
                Num.round(both.p50Ms(), 2), Num.round(both.p90Ms(), 2), Num.round(both.p99Ms(), 2),
                Num.round(both.maxMs(), 2), Num.round(direct.p50Ms(), 2), Num.round(direct.p99Ms(), 2),
                Num.round(both.p50Ms() - direct.p50Ms(), 2), Num.round(both.p99Ms() - direct.p99Ms(), 2), Num.round((upDelta.received() + downDelta.received()) / seconds, 1),
                Num.round((upDelta.receivedBytes() + downDelta.receivedBytes()) / seconds, 0), dropped, lateDroppedPct,
                Num.round(lag.summary().p99Ms(), 2), cpuPct.get(BRIDGE),
                heap == null ? null : Num.round(heap / 1048576.0, 1), perSession, cpuPct, verdict == null,
                verdict == null ? "sustained" : verdict);
    }

    /**
     * Why a step was not sustained, or null: a session not open, a frame to the client lost (nothing on that side
     * may drop), more than {@value #MAX_LATE_DROPPED_PCT} % of the frames to GO dropped late, or nothing relayed.
     */
    static String verdict(int level, int open, FrameFlow.Counts toProvider, long toClientGaps, long relayed) {
        if (open < level) {
            return (level - open) + " of " + level + " sessions not open";
        }
        if (toClientGaps > 0) {
            return toClientGaps + " frames to the client lost";
        }
        if (toProvider.sent() > 0 && 100.0 * toProvider.gaps() / toProvider.sent() > MAX_LATE_DROPPED_PCT) {
            return Num.text(Num.round(100.0 * toProvider.gaps() / toProvider.sent(), 2)) + " % of the frames to GO "
                    + "dropped late > " + Num.text(MAX_LATE_DROPPED_PCT) + " %";
        }
        return relayed == 0 ? "no frame relayed" : null;
    }

    private void hangUp() {
        Flux.fromIterable(placed)
                .flatMap(call -> http.post(gatewayUrl + "/v1/calls/" + call.id() + "/terminate",
                        Map.of("x-api-key", call.apiKey()), "{}".getBytes())
                        .doOnNext(response -> ledger.terminated())
                        .onErrorResume(e -> Mono.empty()), 32)
                .blockLast(Duration.ofMinutes(5));
    }

    private MediaReport report(List<MediaReport.Step> steps, MediaLedger.Tally tally, Long idleHeap,
            long bufferFull) {
        MediaReport.Step highest = steps.stream().filter(MediaReport.Step::sustained).reduce((a, b) -> b)
                .orElse(null);
        MediaReport.Step at500 = steps.stream().filter(s -> s.sessions() == BenchConfig.MEDIA_REFERENCE_SESSIONS)
                .findFirst().orElse(null);
        MediaReport.Step ref = at500 != null ? at500 : highest != null ? highest
                : steps.isEmpty() ? null : steps.getFirst();
        String label = ref == null ? "no step was run" : at500 != null ? "at 500 sessions"
                : "at " + ref.sessions() + " sessions (500 not reached"
                        + (highest == null ? "; not sustained: " + ref.verdict() : "") + ")";
        return new MediaReport(highest == null ? null : highest.sessions(), ref == null ? null : ref.sessions(), label,
                PLAYOUT,
                ref == null ? null : ref.relayP50Ms(), ref == null ? null : ref.relayP99Ms(),
                ref == null ? null : ref.directP99Ms(), ref == null ? null : ref.addedP50Ms(),
                ref == null ? null : ref.addedP99Ms(),
                ref == null ? null : ref.toProviderP99Ms(), ref == null ? null : ref.toClientP99Ms(),
                ref == null ? null : ref.bytesPerSec(), tally.droppedFrames(),
                ref == null ? null : ref.bridgeCpuPct(), ref == null ? null : ref.bridgeHeapPerSessionKiB(),
                idleHeap == null ? null : Num.round(idleHeap / 1048576.0, 1), tally.sessionsOffered(),
                tally.sessionsOpened(), tally.sessionsFailed(), tally.failures(), tally.sessionsLost(),
                tally.toProvider().sent() + tally.toClient().sent(),
                tally.toProvider().received() + tally.toClient().received(), tally.callsAccepted(),
                tally.callsEndedMissing(), bufferFull, tally.balanced(), steps);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A step of opening a session that did not go as a tenant's would; its message is the ledger's reason. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
