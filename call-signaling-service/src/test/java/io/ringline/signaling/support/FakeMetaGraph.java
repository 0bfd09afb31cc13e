package io.ringline.signaling.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server speaking the Graph API's calling edges for tests ({@code baseUrl} includes the
 * version, as a number's does). Each test gets its own {@link Account} (own phone-number-id and token).
 * Answers are keyed by route: {@code connect}, {@code pre_accept}, {@code accept}, {@code reject},
 * {@code terminate} (POST …/calls), {@code GET settings}, {@code POST settings}, {@code GET call_permissions},
 * {@code POST messages}.
 */
public final class FakeMetaGraph {

    /** What an account received. */
    public record Request(String method, String edge, String authorization, String query, JsonNode body) {

        public String action() {
            return body == null ? null : body.path("action").asString(null);
        }
    }

    /** How an account answers one route; {@code gate}, when set, holds the answer until it completes. */
    public record Answer(int status, String body, Duration delay, Mono<Void> gate) {
    }

    private static FakeMetaGraph shared;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final DisposableServer server;

    private FakeMetaGraph() {
        server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
                .post("/graph/v21.0/{account}/{edge}", this::handle)
                .get("/graph/v21.0/{account}/{edge}", this::handle)).bindNow();
    }

    public static synchronized FakeMetaGraph shared() {
        if (shared == null) {
            shared = new FakeMetaGraph();
        }
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/graph/v21.0";
    }

    public Account newAccount() {
        Account account = new Account("PN" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
                "EAAG-" + UUID.randomUUID());
        accounts.put(account.phoneNumberId, account);
        return account;
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        Account account = accounts.get(request.param("account"));
        String edge = request.param("edge");
        String method = request.method().name();
        String uri = request.uri();
        String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : null;
        if (edge != null && edge.contains("?")) {
            edge = edge.substring(0, edge.indexOf('?'));
        }
        String path = edge;
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(text -> {
            if (account == null) {
                return send(response, new Answer(400, error(100, "Unknown phone number id"), Duration.ZERO, null));
            }
            JsonNode body = text.isBlank() ? null : json.readTree(text);
            String authorization = request.requestHeaders().get("Authorization");
            Request received = new Request(method, path, authorization, query, body);
            account.requests.add(received);
            if (!("Bearer " + account.accessToken).equals(authorization)) {
                return send(response, new Answer(401, error(190, "Invalid OAuth access token"), Duration.ZERO, null));
            }
            String route = path.equals("calls") && method.equals("POST") ? received.action() : method + " " + path;
            return send(response, account.answers.getOrDefault(route, account.defaultAnswer(route)));
        });
    }

    private static Mono<Void> send(HttpServerResponse response, Answer answer) {
        return Mono.delay(answer.delay())
                .then(answer.gate() == null ? Mono.empty() : answer.gate())
                .then(response.status(answer.status())
                        .header("Content-Type", "application/json")
                        .sendString(Mono.just(answer.body()))
                        .then());
    }

    public static String error(long code, String message) {
        return """
                {"error":{"message":"%s","type":"OAuthException","code":%d,
                          "error_data":{"details":"details of %d"},"fbtrace_id":"Atrace"}}""".formatted(message, code, code);
    }

    /** One WhatsApp Business phone number at the fake Graph API. */
    public final class Account {

        private final String phoneNumberId;
        private final String accessToken;
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private final Map<String, Answer> answers = new ConcurrentHashMap<>();
        private final AtomicInteger calls = new AtomicInteger();

        private Account(String phoneNumberId, String accessToken) {
            this.phoneNumberId = phoneNumberId;
            this.accessToken = accessToken;
        }

        public String phoneNumberId() {
            return phoneNumberId;
        }

        public String accessToken() {
            return accessToken;
        }

        public Account answer(String route, int status, String body) {
            return answer(route, status, body, Duration.ZERO);
        }

        public Account answer(String route, int status, String body, Duration delay) {
            answers.put(route, new Answer(status, body, delay, null));
            return this;
        }

        /** {@code route} answers its default once {@code release} is completed (to hold a request in flight). */
        public Account holdUntil(String route, Sinks.Empty<Void> release) {
            answers.put(route, new Answer(200, defaultAnswer(route).body(), Duration.ZERO, release.asMono()));
            return this;
        }

        /** The next connect names its call {@code callId}. */
        public Account connectsAs(String callId) {
            return answer("connect", 200, "{\"messaging_product\":\"whatsapp\",\"calls\":[{\"id\":\"" + callId + "\"}]}");
        }

        public List<Request> requests() {
            return List.copyOf(requests);
        }

        /** Requests to the calls edge with this action. */
        public List<Request> calls(String action) {
            return requests.stream().filter(r -> r.edge().equals("calls") && action.equals(r.action())).toList();
        }

        private Answer defaultAnswer(String route) {
            String body = switch (route) {
                case "connect" -> "{\"messaging_product\":\"whatsapp\",\"calls\":[{\"id\":\"wacid." + phoneNumberId
                        + "-" + calls.incrementAndGet() + "\"}]}";
                case "GET settings" -> "{\"calling\":{\"status\":\"ENABLED\",\"call_icon_visibility\":\"DEFAULT\","
                        + "\"callback_permission_status\":\"ENABLED\",\"call_hours\":{\"status\":\"DISABLED\"}}}";
                case "GET call_permissions" -> "{\"messaging_product\":\"whatsapp\",\"permission\":{\"status\":"
                        + "\"temporary\",\"expiration_time\":1745343479},\"actions\":[{\"action_name\":"
                        + "\"send_call_permission_request\",\"can_perform_action\":true,\"limits\":[]}]}";
                case "POST messages" -> "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\","
                        + "\"wa_id\":\"x\"}],\"messages\":[{\"id\":\"wamid.HBg" + calls.incrementAndGet() + "\"}]}";
                default -> "{\"messaging_product\":\"whatsapp\",\"success\":true}";
            };
            return new Answer(200, body, Duration.ZERO, null);
        }
    }
}
