package io.ringline.sandbox.support;

import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Received;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the webhooks the simulated providers send (on test-support's {@link RecordingHttpReceiver}, independent
 * of the sandbox's own sink) and reads them as Evolution GO and Meta events.
 */
public final class ProviderWebhookRecorder implements AutoCloseable {

    /** One received webhook; header names lower-cased, {@code json} null when the body is empty. */
    public record Webhook(String method, String uri, Map<String, String> headers, String body, JsonNode json) {

        static Webhook of(Received request) {
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach((name, values) -> headers.put(name, values.getFirst()));
            return new Webhook(request.method(), request.path(), headers, request.body(),
                    request.body().isEmpty() ? null : JSON.readTree(request.body()));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RecordingHttpReceiver receiver = new RecordingHttpReceiver();

    public String url(String path) {
        return receiver.url(path);
    }

    public List<Webhook> all() {
        return receiver.received().stream().map(Webhook::of).toList();
    }

    public List<Webhook> matching(Predicate<Webhook> filter) {
        return all().stream().filter(filter).toList();
    }

    /** GO webhooks about one call, in arrival order. */
    public List<JsonNode> goEvents(String callId) {
        return all().stream()
                .map(Webhook::json)
                .filter(json -> json != null && callId.equals(json.path("data").path("CallID").asString(null)))
                .toList();
    }

    /** Event names of the GO webhooks about one call, in arrival order. */
    public List<String> goEventNames(String callId) {
        return goEvents(callId).stream().map(json -> json.path("event").asString()).toList();
    }

    /** Meta webhooks about one call, in arrival order: the {@code value} of their single change. */
    public List<Webhook> metaCallWebhooks(String callId) {
        return all().stream().filter(r -> r.json() != null && callId.equals(metaCallId(r.json()))).toList();
    }

    /** Names of the Meta webhooks about one call: {@code connect}, {@code terminate}, {@code status:RINGING}, … */
    public List<String> metaEventNames(String callId) {
        return metaCallWebhooks(callId).stream().map(r -> {
            JsonNode value = metaValue(r.json());
            return value.has("statuses") ? "status:" + value.path("statuses").get(0).path("status").asString()
                    : value.path("calls").get(0).path("event").asString();
        }).toList();
    }

    public static JsonNode metaValue(JsonNode envelope) {
        return envelope.path("entry").path(0).path("changes").path(0).path("value");
    }

    private static String metaCallId(JsonNode envelope) {
        JsonNode value = metaValue(envelope);
        JsonNode item = value.has("statuses") ? value.path("statuses").path(0) : value.path("calls").path(0);
        return item.path("id").asString(null);
    }

    @Override
    public void close() {
        receiver.close();
    }
}
