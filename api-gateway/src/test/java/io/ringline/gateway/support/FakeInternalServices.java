package io.ringline.gateway.support;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.ringline.platform.internalapi.NumberOperationRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server answering the internal APIs of call-signaling-service and webhook-fanout-service
 * (docs/internal-apis.md) from memory, and remembering every request it got.
 */
public final class FakeInternalServices {

    public static final String INTERNAL_TOKEN = "dev-internal-token";

    /** One request as the fake saw it. */
    public record Seen(String method, String path, Map<String, List<String>> query, String token, String body) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final DisposableServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** numberId → calls (public Call shape plus sdpOffer/sdpAnswer). */
    private final Map<String, List<ObjectNode>> calls = new ConcurrentHashMap<>();
    /** tenantId → webhook subscriptions. */
    private final Map<String, List<ObjectNode>> webhooks = new ConcurrentHashMap<>();
    private final AtomicLong webhookIds = new AtomicLong();
    /** numberId → scripted error for its number-level provider operations. */
    private final Map<String, ObjectNode> operationErrors = new ConcurrentHashMap<>();

    FakeInternalServices() {
        this.server = HttpServer.create()
                .host("localhost")
                .port(0)
                .route(routes -> routes
                        .get("/internal/numbers/{numberId}/calls/{callId}", this::getCall)
                        .get("/internal/numbers/{numberId}/calls", this::listCalls)
                        .post("/internal/numbers/{numberId}/provider/{area}/{operation}", this::numberOperation)
                        .post("/internal/tenants/{tenantId}/webhooks", this::createWebhook)
                        .get("/internal/tenants/{tenantId}/webhooks", this::listWebhooks)
                        .get("/internal/tenants/{tenantId}/webhooks/{id}", this::oneWebhook)
                        .route(req -> req.method().name().equals("PATCH")
                                && req.uri().startsWith("/internal/tenants/"), this::oneWebhook)
                        .delete("/internal/tenants/{tenantId}/webhooks/{id}", this::oneWebhook))
                .bindNow();
    }

    public String url() {
        return "http://localhost:" + server.port();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Adds a call to a number's history (what the signaling service would hold). */
    public ObjectNode addCall(String numberId, String id, String externalCallId, String status, Instant createdAt) {
        ObjectNode call = json.createObjectNode()
                .put("id", id).put("externalCallId", externalCallId).put("provider", "EVO_GO")
                .put("direction", "INBOUND").put("status", status).putNull("endReason")
                .put("peerNumber", "+5511999990000").putNull("durationSeconds").putNull("bizOpaqueCallbackData")
                .putNull("startedAt").putNull("connectedAt").putNull("endedAt")
                .put("createdAt", createdAt.toString()).put("updatedAt", createdAt.toString())
                .put("sdpOffer", "v=0 offer").put("sdpAnswer", "v=0 answer");
        calls.computeIfAbsent(numberId, n -> new CopyOnWriteArrayList<>()).add(call);
        return call;
    }

    /** Ringline's id of the call {@code ref} (its id or the provider's) names on this number, as signaling resolves it. */
    public java.util.Optional<String> resolve(String numberId, String ref) {
        return calls.getOrDefault(numberId, List.of()).stream()
                .filter(c -> ref.equals(c.get("id").stringValue()) || ref.equals(c.get("externalCallId").stringValue()))
                .map(c -> c.get("id").stringValue())
                .findFirst();
    }

    // --- signaling ---------------------------------------------------------------------------------

    private Publisher<Void> getCall(HttpServerRequest req, HttpServerResponse res) {
        return authorised(req, res, body -> {
            String numberId = req.param("numberId");
            String callId = req.param("callId");
            boolean includeSdp = "1".equals(first(query(req), "includeSdp"));
            return calls.getOrDefault(numberId, List.of()).stream()
                    .filter(c -> callId.equals(c.get("id").stringValue())
                            || callId.equals(c.get("externalCallId").stringValue()))
                    .findFirst()
                    .map(c -> send(res, 200, includeSdp ? c : withoutSdp(c)))
                    .orElseGet(() -> error(res, 404, "CALL_NOT_FOUND", "Call not found"));
        });
    }

    private Publisher<Void> listCalls(HttpServerRequest req, HttpServerResponse res) {
        return authorised(req, res, body -> {
            Map<String, List<String>> query = query(req);
            int limit = Integer.parseInt(first(query, "limit"));
            String before = first(query, "before");
            List<ObjectNode> page = calls.getOrDefault(req.param("numberId"), List.of()).stream()
                    .filter(c -> before == null
                            || Instant.parse(c.get("createdAt").stringValue()).isBefore(Instant.parse(before)))
                    .sorted(Comparator.comparing((ObjectNode c) -> c.get("createdAt").stringValue()).reversed())
                    .limit(limit)
                    .map(this::withoutSdp)
                    .toList();
            ObjectNode answer = json.createObjectNode();
            answer.putArray("calls").addAll(new ArrayList<JsonNode>(page));
            return send(res, 200, answer);
        });
    }

    private ObjectNode withoutSdp(ObjectNode call) {
        ObjectNode copy = call.deepCopy();
        copy.remove("sdpOffer");
        copy.remove("sdpAnswer");
        return copy;
    }

    /** Makes every number-level provider operation of this number fail with this public error. */
    public void failNumberOperations(String numberId, int status, String code, String message) {
        operationErrors.put(numberId, json.createObjectNode().put("status", status).put("code", code)
                .put("error", message));
    }

    /** The signaling service's number-level provider operations, answered as Meta would through it. */
    private Publisher<Void> numberOperation(HttpServerRequest req, HttpServerResponse res) {
        return authorised(req, res, body -> {
            ObjectNode failure = operationErrors.get(req.param("numberId"));
            if (failure != null) {
                return error(res, failure.get("status").intValue(), failure.get("code").stringValue(),
                        failure.get("error").stringValue());
            }
            // Read as the signaling service reads it: the shared record, the number's context in it.
            NumberOperationRequest request = json.readValue(body, NumberOperationRequest.class);
            if (request.number() == null || !req.param("numberId").equals(request.number().numberId())) {
                return error(res, 400, "INVALID_REQUEST", "number: must be the path's number context");
            }
            String operation = req.param("area") + "/" + req.param("operation");
            ObjectNode answer = json.createObjectNode();
            switch (operation) {
                case "settings/read" -> answer.putObject("calling").put("status", "ENABLED")
                        .put("call_icon_visibility", "DEFAULT").put("callback_permission_status", "DISABLED");
                case "settings/update" -> answer.put("success", true);
                case "permissions/read" -> {
                    answer.putObject("permission").put("status", "temporary").put("expiration_time", 1745343479);
                    answer.putArray("actions").addObject().put("action_name", "start_call")
                            .put("can_perform_action", true);
                }
                case "permissions/request" -> answer.put("messageId", "wamid.test-" + req.param("numberId"));
                default -> {
                    return error(res, 404, "NOT_FOUND", "no such operation");
                }
            }
            return send(res, 200, answer);
        });
    }

    // --- fan-out -----------------------------------------------------------------------------------

    private Publisher<Void> createWebhook(HttpServerRequest req, HttpServerResponse res) {
        return authorised(req, res, body -> {
            JsonNode in = json.readTree(body);
            String now = Instant.now().toString();
            ObjectNode hook = json.createObjectNode()
                    .put("id", "wh_" + webhookIds.incrementAndGet())
                    .put("tenantId", req.param("tenantId"))
                    .put("name", in.path("name").stringValue(null))
                    .put("url", in.get("url").stringValue())
                    .put("environment", "LIVE");
            hook.set("events", in.get("events"));
            hook.put("active", true);
            hook.set("whatsappNumberIds", in.get("whatsappNumberIds"));
            hook.put("createdAt", now).put("updatedAt", now).putNull("lastTriggered");
            webhooks.computeIfAbsent(req.param("tenantId"), t -> new CopyOnWriteArrayList<>()).add(hook);
            return send(res, 201, hook.deepCopy().put("secret", "whsec_test"));
        });
    }

    private Publisher<Void> listWebhooks(HttpServerRequest req, HttpServerResponse res) {
        return authorised(req, res, body -> {
            String numberId = first(query(req), "numberId");
            ArrayNode answer = json.createArrayNode();
            webhooks.getOrDefault(req.param("tenantId"), List.of()).stream()
                    .filter(h -> visibleTo(h, numberId))
                    .forEach(answer::add);
            return send(res, 200, answer);
        });
    }

    private Publisher<Void> oneWebhook(HttpServerRequest req, HttpServerResponse res) {
        return authorised(req, res, body -> {
            String[] segments = new QueryStringDecoder(req.uri()).path().split("/");
            String tenantId = segments[3];
            String id = segments[5];
            String numberId = first(query(req), "numberId");
            List<ObjectNode> hooks = webhooks.getOrDefault(tenantId, List.of());
            ObjectNode hook = hooks.stream()
                    .filter(h -> h.get("id").stringValue().equals(id) && visibleTo(h, numberId))
                    .findFirst().orElse(null);
            if (hook == null) {
                return error(res, 404, "WEBHOOK_NOT_FOUND", "Webhook not found");
            }
            return switch (req.method().name()) {
                case "GET" -> send(res, 200, hook);
                case "DELETE" -> {
                    hooks.remove(hook);
                    yield res.status(204).send();
                }
                default -> {
                    JsonNode patch = json.readTree(body);
                    patch.properties().forEach(e -> hook.set(e.getKey(), e.getValue()));
                    yield send(res, 200, hook);
                }
            };
        });
    }

    /** A number key sees only subscriptions that name its number. */
    private static boolean visibleTo(ObjectNode hook, String numberId) {
        if (numberId == null) {
            return true;
        }
        for (JsonNode id : hook.get("whatsappNumberIds")) {
            if (numberId.equals(id.stringValue())) {
                return true;
            }
        }
        return false;
    }

    // --- plumbing ----------------------------------------------------------------------------------

    private Publisher<Void> authorised(HttpServerRequest req, HttpServerResponse res,
            java.util.function.Function<String, Publisher<Void>> handler) {
        return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(body -> {
            String token = req.requestHeaders().get("x-internal-token");
            seen.add(new Seen(req.method().name(), new QueryStringDecoder(req.uri()).path(), query(req), token, body));
            if (!INTERNAL_TOKEN.equals(token)) {
                return Mono.from(error(res, 401, "UNAUTHORIZED", "bad internal token"));
            }
            return Mono.from(handler.apply(body));
        });
    }

    private static Map<String, List<String>> query(HttpServerRequest req) {
        return new QueryStringDecoder(req.uri()).parameters();
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private Publisher<Void> send(HttpServerResponse res, int status, JsonNode body) {
        return res.status(HttpResponseStatus.valueOf(status))
                .header("Content-Type", "application/json")
                .sendString(Mono.just(json.writeValueAsString(body)))
                .then();
    }

    private Publisher<Void> error(HttpServerResponse res, int status, String code, String message) {
        return send(res, status, json.createObjectNode().put("error", message).put("code", code));
    }
}
