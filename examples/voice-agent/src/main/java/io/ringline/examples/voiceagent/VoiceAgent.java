package io.ringline.examples.voiceagent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A voice agent for inbound calls on an Evolution GO number: it answers each ringing inbound call through
 * Ringline's API, opens a realtime session and takes turns with the caller ({@link Conversation}). Run it with a
 * number-scoped API key:
 *
 * <pre>java -jar voice-agent.jar --api http://localhost:8080 --key rk_… [--from +5511…]</pre>
 *
 * ({@code --from}: answer only calls from that number, e.g. your own phone while trying it out.)
 *
 * New calls are found by polling {@code GET /v1/calls?status=RINGING&direction=INBOUND} (a production agent
 * would take the {@code call.ringing} webhook instead; polling keeps this example one process without a public
 * URL).
 */
public final class VoiceAgent {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(call_[^\"]+)\"");
    private static final Pattern PEER = Pattern.compile("\"peerNumber\"\s*:\s*\"([^\"]+)\"");
    private static final Pattern WS_URL = Pattern.compile("\"wsUrl\"\\s*:\\s*\"([^\"]+)\"");

    private final URI api;
    private final String key;
    private final byte[] reply;
    private final String onlyFrom;
    private final Consumer<String> turns;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Set<String> answered = new HashSet<>();

    /** @param onlyFrom answer only calls from this E.164 number; null = every inbound call */
    public VoiceAgent(URI api, String key, byte[] reply, String onlyFrom, Consumer<String> turns) {
        this.api = api;
        this.key = key;
        this.reply = reply;
        this.onlyFrom = onlyFrom;
        this.turns = turns;
    }

    public static void main(String[] args) throws Exception {
        String api = "http://localhost:8080";
        String key = System.getenv("RINGLINE_API_KEY");
        String from = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--api" -> api = args[i + 1];
                case "--key" -> key = args[i + 1];
                case "--from" -> from = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("--key <number-scoped API key> (or RINGLINE_API_KEY)");
        }
        VoiceAgent agent = new VoiceAgent(URI.create(api), key, shippedReply(), from, line -> System.out.println(line));
        while (true) {
            agent.answerRingingCalls();
            Thread.sleep(500); // polling interval of this example (a webhook would wake it instead)
        }
    }

    /** The reply this example ships: {@code reply.wav}, PCM16 mono 16 kHz (a stand-in for text-to-speech). */
    public static byte[] shippedReply() {
        try (InputStream in = VoiceAgent.class.getResourceAsStream("/reply.wav")) {
            byte[] wav = in.readAllBytes();
            return dataChunk(wav);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers every inbound call ringing now and starts its conversation (each on the WebSocket's threads). */
    public void answerRingingCalls() throws IOException, InterruptedException {
        String list = call("GET", "/v1/calls?status=RINGING&direction=INBOUND&limit=10", null);
        Matcher calls = ID.matcher(list);
        while (calls.find()) {
            String callId = calls.group(1);
            if (!answered.contains(callId) && wanted(callId)) {
                answered.add(callId);
                answer(callId);
            }
        }
    }

    private boolean wanted(String callId) throws IOException, InterruptedException {
        if (onlyFrom == null) {
            return true;
        }
        Matcher peer = PEER.matcher(call("GET", "/v1/calls/" + callId, null));
        return peer.find() && peer.group(1).equals(onlyFrom);
    }

    private void answer(String callId) throws IOException, InterruptedException {
        call("POST", "/v1/calls/" + callId + "/accept", null);
        turns.accept("answered " + callId);
        String session = call("POST", "/v1/calls/" + callId + "/realtime-session",
                "{\"mode\":\"talk\",\"format\":\"pcm16_16k\",\"framing\":\"binary\"}");
        Matcher wsUrl = WS_URL.matcher(session);
        if (!wsUrl.find()) {
            throw new IOException("no wsUrl in " + session);
        }
        Conversation conversation = new Conversation(reply, turns);
        http.newWebSocketBuilder().buildAsync(URI.create(wsUrl.group(1)), conversation).join();
    }

    private String call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).header("x-api-key", key)
                .timeout(Duration.ofSeconds(30));
        if (json != null) {
            request.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** The samples of a PCM WAV file (its {@code data} chunk). */
    static byte[] dataChunk(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (at + 8 <= wav.length) {
            String id = new String(wav, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = b.getInt(at + 4);
            if (id.equals("data")) {
                byte[] pcm = new byte[Math.min(size, wav.length - at - 8) & ~1];
                System.arraycopy(wav, at + 8, pcm, 0, pcm.length);
                return pcm;
            }
            at += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("not a PCM WAV file");
    }
}
