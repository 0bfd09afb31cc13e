package io.ringline.signaling.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server speaking Evolution GO's call API (SPEC §6.2) for tests. Each test gets its own
 * {@link Instance} (own base URL path and token), so tests never see each other's requests.
 */
public final class FakeEvoGo {

    /** What an instance received. */
    public record Request(String path, String apikey, JsonNode body) {
    }

    /** How an instance answers one route. */
    public record Answer(int status, String body, Duration delay) {
    }

    private static FakeEvoGo shared;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final DisposableServer server;

    private FakeEvoGo() {
        server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
                .post("/go/{instance}/call/{action}", this::handle)
                .get("/go/{instance}/instance/status", this::status)
                .get("/go/{instance}/call/{callId}", this::callState)).bindNow();
    }

    public static synchronized FakeEvoGo shared() {
        if (shared == null) {
            shared = new FakeEvoGo();
        }
        return shared;
    }

    public Instance newInstance() {
        Instance instance = new Instance(UUID.randomUUID().toString().substring(0, 8),
                "tok-" + UUID.randomUUID());
        instances.put(instance.name, instance);
        return instance;
    }

    private Mono<Void> status(HttpServerRequest request, HttpServerResponse response) {
        Instance instance = instances.get(request.param("instance"));
        if (instance == null) {
            return response.status(404).sendString(Mono.just("{\"error\":\"no such instance\"}")).then();
        }
        instance.requests.add(new Request("/instance/status", request.requestHeaders().get("apikey"), null));
        Answer answer = instance.answers.getOrDefault("status", new Answer(200, "{\"state\":\"open\"}", Duration.ZERO));
        return response.status(answer.status()).header("Content-Type", "application/json")
                .sendString(Mono.just(answer.body())).then();
    }

    /** {@code GET /call/{callId}}: the state set by {@link Instance#callState}, else GO's 404. */
    private Mono<Void> callState(HttpServerRequest request, HttpServerResponse response) {
        Instance instance = instances.get(request.param("instance"));
        if (instance == null) {
            return response.status(404).sendString(Mono.just("{\"error\":\"no such instance\"}")).then();
        }
        String callId = request.param("callId");
        instance.requests.add(new Request("/call/state/" + callId, request.requestHeaders().get("apikey"), null));
        if (!instance.token.equals(request.requestHeaders().get("apikey"))) {
            return response.status(401).sendString(Mono.just("{\"error\":\"invalid apikey\"}")).then();
        }
        CompletableFuture<Void> held = instance.holds.get("state:" + callId);
        return (held == null ? Mono.<Void>empty() : Mono.fromFuture(held)).then(Mono.defer(() -> {
            // read when answering, so a test may change the answer while the request is held
            Answer answer = instance.callStates.getOrDefault(callId,
                    new Answer(404, "{\"error\":\"call not found\"}", Duration.ZERO));
            return response.status(answer.status()).header("Content-Type", "application/json")
                    .sendString(Mono.just(answer.body())).then();
        }));
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        Instance instance = instances.get(request.param("instance"));
        String action = request.param("action");
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(body -> {
            if (instance == null) {
                return response.status(404).sendString(Mono.just("{\"error\":\"no such instance\"}")).then();
            }
            instance.requests.add(new Request("/call/" + action, request.requestHeaders().get("apikey"),
                    body.isBlank() ? null : json.readTree(body)));
            if (!instance.token.equals(request.requestHeaders().get("apikey"))) {
                return response.status(401).sendString(Mono.just("{\"error\":\"invalid apikey\"}")).then();
            }
            Answer answer = instance.answers.getOrDefault(action, instance.defaultAnswer(action));
            CompletableFuture<Void> held = instance.holds.get(action);
            return Mono.delay(answer.delay())
                    .then(held == null ? Mono.<Void>empty() : Mono.fromFuture(held))
                    .then(response.status(answer.status())
                            .header("Content-Type", "application/json")
                            .sendString(Mono.just(answer.body()))
                            .then());
        });
    }

    /** One simulated GO instance. */
    public final class Instance {

        private final String name;
        private final String token;
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private final Map<String, Answer> answers = new ConcurrentHashMap<>();
        private final AtomicInteger calls = new AtomicInteger();
        private final Map<String, CompletableFuture<Void>> holds = new ConcurrentHashMap<>();
        private final Map<String, Answer> callStates = new ConcurrentHashMap<>();

        private Instance(String name, String token) {
            this.name = name;
            this.token = token;
        }

        public String baseUrl() {
            return "http://127.0.0.1:" + server.port() + "/go/" + name;
        }

        public String token() {
            return token;
        }

        /**
         * Makes {@code action} ({@code start}, {@code answer}, {@code reject}, {@code hangup}, or
         * {@code status} for {@code GET /instance/status}) answer like this.
         */
        public Instance answer(String action, int status, String body) {
            return answer(action, status, body, Duration.ZERO);
        }

        public Instance answer(String action, int status, String body, Duration delay) {
            answers.put(action, new Answer(status, body, delay));
            return this;
        }

        /** {@code action} answers only once {@code release} completes (and the answer's own delay passed). */
        public Instance holdUntil(String action, CompletableFuture<Void> release) {
            holds.put(action, release);
            return this;
        }

        /** {@code GET /call/{callId}} answers this GoCall ({@code state} ringing|active|ended). */
        public Instance callState(String callId, String state, Integer durationSeconds) {
            callStates.put(callId, new Answer(200, "{\"callId\":\"" + callId + "\",\"peer\":\"5511900000000\","
                    + "\"direction\":\"outgoing\",\"state\":\"" + state + "\",\"startedAt\":\"2026-01-01T00:00:00Z\","
                    + "\"durationSeconds\":" + durationSeconds + "}", Duration.ZERO));
            return this;
        }

        /** {@code GET /call/{callId}} answers this incoming GoCall, placed by {@code peerDigits}. */
        public Instance incomingCall(String callId, String peerDigits, String state, Integer durationSeconds) {
            callStates.put(callId, new Answer(200, "{\"callId\":\"" + callId + "\",\"peer\":\"" + peerDigits
                    + "\",\"direction\":\"incoming\",\"state\":\"" + state
                    + "\",\"startedAt\":\"2026-01-01T00:00:00Z\",\"durationSeconds\":" + durationSeconds + "}",
                    Duration.ZERO));
            return this;
        }

        /** {@code GET /call/{callId}} answers only once {@code release} completes. */
        public Instance holdCallState(String callId, CompletableFuture<Void> release) {
            holds.put("state:" + callId, release);
            return this;
        }

        /** {@code GET /call/{callId}} answers with this status and body. */
        public Instance callStateAnswer(String callId, int status, String body) {
            callStates.put(callId, new Answer(status, body, Duration.ZERO));
            return this;
        }

        /** {@code /call/start} names the next call {@code callId}. */
        public Instance startsCallAs(String callId) {
            return answer("start", 201, "{\"callId\":\"" + callId + "\",\"state\":\"ringing\"}");
        }

        public List<Request> requests() {
            return List.copyOf(requests);
        }

        public List<Request> requests(String path) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }

        private Answer defaultAnswer(String action) {
            if (action.equals("start")) {
                return new Answer(201, "{\"callId\":\"GO" + name + "-" + calls.incrementAndGet()
                        + "\",\"state\":\"ringing\"}", Duration.ZERO);
            }
            return new Answer(200, "{\"message\":\"success\"}", Duration.ZERO);
        }
    }
}
