package io.ringline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.devstack.DemoTenant;
import io.ringline.examples.voiceagent.VoiceAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The voice-agent example (examples/voice-agent) against the platform and the sandbox: a simulated WhatsApp user
 * calls the EVO_GO number; the agent answers through the API and opens a realtime session; the user speaks and the
 * agent answers with its reply in full; the user speaks again and, while the agent answers, talks over it — the
 * agent stops (clear) and answers the new turn. Turn-taking is checked from both sides: the agent's own turn log,
 * and what the sandbox's user heard and was told (audio received, the clear forwarded by the bridge).
 */
class VoiceAgentSystemTest {

    private static final Duration TURN = Duration.ofSeconds(30);
    private static DemoTenant demo;
    private static PlatformClient client;

    @BeforeAll
    static void platform() {
        demo = SharedPlatform.get().demo();
        client = new PlatformClient(demo);
    }

    @Test
    void theAgentAnswersTakesTurnsAndStopsSpeakingWhenTheCallerTalksOverIt() throws Exception {
        String user = "+5511977770011";
        client.userBehaves(user, Map.of("hangUpAfterMs", 600_000));
        String external = client.userCalls(user, demo.evoGoNumber().phone());
        // An agent's speech detector needs silence between utterances, not the sandbox's default tone.
        Http.Response idle = Http.put(demo.sandboxUrl() + "/sandbox/calls/" + external + "/realtime/idle",
                Map.of("silent", true));
        assertThat(idle.status()).as(idle.body()).isEqualTo(200);

        List<String> turns = new CopyOnWriteArrayList<>();
        VoiceAgent agent = new VoiceAgent(URI.create(demo.gatewayUrl()), demo.evoGoNumber().apiKey(),
                VoiceAgent.shippedReply(), user, turns::add);
        await().atMost(TURN).pollInterval(Duration.ofMillis(300)).until(() -> {
            agent.answerRingingCalls();
            return turns.stream().anyMatch(t -> t.startsWith("answered "));
        });
        await().atMost(TURN).until(() -> realtime(external).path("sessions").asInt() >= 1);
        int reply = VoiceAgent.shippedReply().length;

        // Turn 1: the user speaks; the agent answers, and its whole reply reaches the user.
        say(external, utterance(800));
        await().atMost(TURN).until(() -> turns.contains("agent-finished reply-1"));
        long afterFirst = await().atMost(TURN).until(() -> realtime(external).path("bytesReceived").asLong(),
                bytes -> bytes >= reply);

        // Turn 2: the user speaks; half a second into the agent's answer, the user talks over it.
        say(external, utterance(800));
        await().atMost(TURN).until(() -> turns.contains("agent-speaking reply-2"));
        await().atMost(TURN).until(() -> realtime(external).path("bytesReceived").asLong() >= afterFirst + 16_000);
        say(external, utterance(800));
        await().atMost(TURN).until(() -> turns.stream().anyMatch(t -> t.startsWith("barge-in")));

        // Turn 3: the interruption was a turn of its own; the agent answers it in full.
        await().atMost(TURN).until(() -> turns.contains("agent-finished reply-3"));

        // The agent's side: heard, answered, was interrupted, stopped, answered again — in that order.
        assertThat(turns.stream().filter(t -> !t.startsWith("answered ")).toList()).containsExactly(
                "caller-started", "caller-finished", "agent-speaking reply-1", "agent-finished reply-1",
                "caller-started", "caller-finished", "agent-speaking reply-2",
                "caller-started", "barge-in cleared=[reply-2]", "caller-finished",
                "agent-speaking reply-3", "agent-finished reply-3");
        // The user's side: the agent's clear reached the provider once, and the interrupted reply was cut short —
        // replies 1 and 3 were heard in full, reply 2 only in part.
        JsonNode heard = realtime(external);
        assertThat(heard.path("clears").asLong()).isEqualTo(1);
        assertThat(heard.path("bytesReceived").asLong()).isGreaterThanOrEqualTo(2L * reply + 16_000)
                .isLessThan(3L * reply);
        assertThat(heard.path("bytesRefused").asLong()).isZero();

        String callId = turns.getFirst().substring("answered ".length());
        Http.Response ended = client.post(demo.evoGoNumber().apiKey(), "/v1/calls/" + callId + "/terminate", null);
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        await().atMost(TURN).until(() -> turns.contains("call-ended"));
    }

    private static JsonNode realtime(String external) {
        return Http.get(demo.sandboxUrl() + "/sandbox/calls/" + external, Map.of()).json().path("realtime");
    }

    /** The simulated user says {@code pcm} on the call's realtime sessions. */
    private static void say(String external, byte[] pcm) throws Exception {
        HttpResponse<String> said = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(demo.sandboxUrl() + "/sandbox/calls/" + external + "/realtime/say"))
                .header("content-type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pcm)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(said.statusCode()).as(said.body()).isEqualTo(200);
    }

    /** A steady voiced sound (a 180 Hz buzz with harmonics, about -12 dBFS) with no pause in it. */
    private static byte[] utterance(int millis) {
        int samples = 16 * millis;
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            double t = i / 16_000.0;
            double v = 0.5 * Math.sin(2 * Math.PI * 180 * t) + 0.25 * Math.sin(2 * Math.PI * 360 * t)
                    + 0.12 * Math.sin(2 * Math.PI * 900 * t);
            pcm.putShort((short) Math.round(0.35 * v * Short.MAX_VALUE));
        }
        return pcm.array();
    }
}
