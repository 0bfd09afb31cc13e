package io.ringline.bench.scenario;

import java.util.List;
import java.util.Map;

/**
 * The media scenario: realtime sessions on answered EVO_GO calls, 20 ms frames both ways at real time, in rising
 * numbers of concurrent sessions. Relay latency is generator → bridge → generator on loopback, from the frame's
 * send stamp to its arrival at the other end (docs/performance.md "media").
 *
 * @param sessions                highest number of concurrent sessions whose step was sustained (every session
 *                                open, no frame dropped); null when none was
 * @param reference               the step the figures below come from: 500 sessions when run, else the highest
 *                                sustained, else the first
 * @param relayP50Ms              both directions together, at {@code reference}
 * @param directP99Ms             the control group's p99 (generator straight to the GO endpoint, no bridge), both
 *                                directions, in the same window
 * @param addedP99Ms              relay p99 − control p99: the estimate of what the bridge adds
 * @param bytesPerSec             audio bytes relayed per second, both directions, at {@code reference}
 * @param playout                 the sessions' playout ({@code live}: the generator streams at real time, as such an
 *                                agent should ask; docs/api.md "Buffered or live")
 * @param droppedFrames           frames sent that never arrived, whole scenario, both directions (to GO: audio the
 *                                live playout dropped rather than play it more than its bound late)
 * @param bridgeCpuPct            media-bridge-service CPU in percent of one core at {@code reference}
 * @param bridgeHeapPerSessionKiB (live heap with the sessions open − live heap before the first) ÷ sessions, live
 *                                heap read right after a full GC of the bridge
 */
public record MediaReport(Integer sessions, Integer reference, String label, String playout, Double relayP50Ms, Double relayP99Ms,
        Double directP99Ms, Double addedP50Ms, Double addedP99Ms, Double toProviderP99Ms, Double toClientP99Ms, Double bytesPerSec, long droppedFrames, Double bridgeCpuPct,
        Double bridgeHeapPerSessionKiB, Double bridgeIdleHeapMiB, long sessionsOffered, long sessionsOpened,
        long sessionsFailed, Map<String, Long> failures, long sessionsLost, long framesSent, long framesReceived,
        long callsAccepted, long callsEndedMissing, long bufferFullErrors, boolean balanced, List<Step> steps) {

    /**
     * One step: {@code sessions} open and streaming for the window. Latencies per direction and together;
     * {@code droppedFrames}: gaps in the sessions' sequences during the window; {@code lateDroppedPct}: the share of
     * the frames sent to GO in the window that the live playout dropped; {@code generatorLagP99Ms}: how late
     * the generator sent its frames against their schedule; {@code cpuPct}: every component, percent of one core.
     */
    public record Step(int sessions, int open, double windowSeconds, Double toProviderP50Ms, Double toProviderP99Ms,
            Double toClientP50Ms, Double toClientP99Ms, Double relayP50Ms, Double relayP90Ms, Double relayP99Ms,
            Double relayMaxMs, Double directP50Ms, Double directP99Ms, Double addedP50Ms, Double addedP99Ms,
            Double framesPerSec, Double bytesPerSec, long droppedFrames, Double lateDroppedPct,
            Double generatorLagP99Ms,
            Double bridgeCpuPct, Double bridgeHeapMiB, Double bridgeHeapPerSessionKiB, Map<String, Double> cpuPct,
            boolean sustained, String verdict) {
    }
}
