package io.ringline.sandbox.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP webhook receiver (Reactor Netty) that records every request; independent of the sandbox's sink. */
public final class RecordingReceiver implements AutoCloseable {

    /** One received request. */
    public record Received(String method, String uri, Map<String, String> headers, String body, JsonNode json) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    public RecordingReceiver() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(body -> {
                            Map<String, String> headers = new LinkedHashMap<>();
                            request.requestHeaders().forEach(
                                    header -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
                            received.add(new Received(request.method().name(), request.uri(), headers, body,
                                    body.isEmpty() ? null : JSON.readTree(body)));
                            return response.status(200).sendString(Mono.just("{}")).then();
                        }))
                .bindNow();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    public List<Received> matching(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    /** GO webhooks about one call, in arrival order. */
    public List<JsonNode> goEvents(String callId) {
        return received.stream()
                .map(Received::json)
                .filter(json -> json != null && callId.equals(json.path("data").path("CallID").asString(null)))
                .toList();
    }

    /** Event names of the GO webhooks about one call, in arrival order. */
    public List<String> goEventNames(String callId) {
        return goEvents(callId).stream().map(json -> json.path("event").asString()).toList();
    }

    /** Meta webhooks about one call, in arrival order: the {@code value} of their single change. */
    public List<Received> metaCallWebhooks(String callId) {
        return received.stream().filter(r -> r.json() != null && callId.equals(metaCallId(r.json()))).toList();
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
        server.disposeNow();
    }
}
