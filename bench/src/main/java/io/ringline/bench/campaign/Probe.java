package io.ringline.bench.campaign;

import io.ringline.bench.platform.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Has the platform recovered? One EVO_GO call at a time to a user who answers and hangs up at once, until one goes
 * all the way: {@code 201} from the gateway (gateway → {@code calls.commands} → signaling → provider) and its
 * {@code call.ended} at the receiver (provider webhook → gateway → {@code provider.signals} → signaling → outbox →
 * {@code call-events} → fan-out → tenant endpoint). Every service, the broker and the database are on that path.
 */
final class Probe {

    private static final Duration CALL_WAIT = Duration.ofSeconds(20);

    private final Api api = new Api(Duration.ofSeconds(12));
    private final Target target;
    private final CampaignFleet.Number number;
    private final String user;
    private final CampaignReceiver receiver;

    Probe(Target target, CampaignFleet.Number goNumber, String user, CampaignReceiver receiver) {
        this.target = target;
        this.number = goNumber;
        this.user = user;
        this.receiver = receiver;
    }

    /** Sets the probe user up: answers after 50 ms, hangs up 100 ms later. */
    void seed() {
        Api.Response r = api.send("PUT", target.sandboxUrl() + "/sandbox/users/" + user.substring(1) + "/behaviour",
                Map.of(), Map.of("onCall", "answer", "afterMs", 50, "hangUpAfterMs", 100));
        if (!r.ok()) {
            throw new IllegalStateException("cannot set the probe user up: " + r.status() + " " + r.body());
        }
    }

    /** When a probe call first completed end to end, or null if none did within {@code within}. */
    Instant awaitRecovery(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Api.Response r = api.send("POST", target.gatewayUrl() + "/v1/calls", Map.of("x-api-key", number.apiKey()),
                    Map.of("to", user));
            if (r.status() == 201) {
                String callId = r.json().path("id").asString();
                long callDeadline = Math.min(deadline, System.nanoTime() + CALL_WAIT.toNanos());
                while (System.nanoTime() < callDeadline) {
                    if (receiver.ended(callId)) {
                        return Instant.now();
                    }
                    CampaignPlatform.pause(100);
                }
            } else {
                CampaignPlatform.pause(500);
            }
        }
        return null;
    }
}
