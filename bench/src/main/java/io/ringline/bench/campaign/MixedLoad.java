package io.ringline.bench.campaign;

import io.ringline.bench.platform.Target;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign's steady mixed load: every {@code 1/rate} seconds one call of the next {@link CallPlan}, on the next
 * tenant's number of that provider. Business-initiated calls go through {@code POST /v1/calls}; user-initiated ones
 * through the sandbox's users, and the business accepts or rejects them when their {@code call.ringing} arrives — as
 * a tenant would, retrying through 5xx and timeouts for up to {@link #ACTION_PATIENCE}. Paused while the auditor
 * looks.
 */
final class MixedLoad implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MixedLoad.class);
    static final Duration ACTION_PATIENCE = Duration.ofSeconds(90);
    private static final int USERS_PER_PLAN = 4;

    /** Per plan: offered, accepted by the API (or started at the sandbox), failed. */
    record PlanTally(long offered, long started, long failed) {
    }

    private final Target target;
    private final CampaignFleet fleet;
    private final Api api = new Api(Duration.ofSeconds(15));
    private final String runId;
    private final double ratePerSec;
    private final Map<CallPlan, List<String>> users = new EnumMap<>(CallPlan.class);
    private final Map<CallPlan, LongAdder[]> tallies = new EnumMap<>(CallPlan.class);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Set<String> acceptedCallIds = ConcurrentHashMap.newKeySet();
    private final Map<String, String> inboundRinging = new ConcurrentHashMap<>(); // externalCallId → callId
    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong next = new AtomicLong();
    private final LongAdder sessionsOpened = new LongAdder();
    private final LongAdder sessionsFailed = new LongAdder();
    private final LongAdder sessionsClosedByBridge = new LongAdder();
    private volatile boolean paused = true;

    MixedLoad(Target target, CampaignFleet fleet, CampaignReceiver receiver, String runId, double ratePerSec) {
        this.target = target;
        this.fleet = fleet;
        this.runId = runId;
        this.ratePerSec = ratePerSec;
        for (CallPlan plan : CallPlan.values()) {
            tallies.put(plan, new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
        }
        receiver.listen(this::onWebhook);
    }

    /** Gives every plan its simulated users. */
    void seedUsers() {
        for (CallPlan plan : CallPlan.values()) {
            List<String> phones = new ArrayList<>();
            for (int i = 0; i < USERS_PER_PLAN; i++) {
                String phone = "+55219" + runId + String.format("%02d%02d", plan.ordinal(), i);
                Api.Response r = api.send("PUT", target.sandboxUrl() + "/sandbox/users/" + phone.substring(1)
                        + "/behaviour", Map.of(), plan.userBehaviour);
                if (!r.ok()) {
                    throw new IllegalStateException("cannot set up user " + phone + ": " + r.status() + " " + r.body());
                }
                phones.add(phone);
            }
            users.put(plan, phones);
        }
    }

    void start() {
        long periodMicros = Math.round(1e6 / ratePerSec);
        clock.scheduleAtFixedRate(() -> {
            if (!paused) {
                long i = next.getAndIncrement();
                CallPlan plan = CallPlan.values()[(int) (i % CallPlan.values().length)];
                CampaignFleet.Tenant tenant = fleet.tenants().get((int) ((i / CallPlan.values().length)
                        % fleet.tenants().size()));
                String user = users.get(plan).get((int) ((i / CallPlan.values().length) % USERS_PER_PLAN));
                run(() -> place(plan, tenant, user));
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        paused = false;
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    /** Calls being placed or acted on (accept, reject, hang up) right now. */
    int inFlight() {
        return inFlight.get();
    }

    Set<String> acceptedCallIds() {
        return Set.copyOf(acceptedCallIds);
    }

    long offered() {
        return tallies.values().stream().mapToLong(t -> t[0].sum()).sum();
    }

    Map<String, PlanTally> tally() {
        Map<String, PlanTally> out = new LinkedHashMap<>();
        tallies.forEach((plan, t) -> out.put(plan.name(), new PlanTally(t[0].sum(), t[1].sum(), t[2].sum())));
        return out;
    }

    Map<String, Long> failures() {
        Map<String, Long> out = new java.util.TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Map<String, Long> sessions() {
        return Map.of("opened", sessionsOpened.sum(), "failed", sessionsFailed.sum(), "closedByBridge",
                sessionsClosedByBridge.sum());
    }

    private void run(Runnable task) {
        inFlight.incrementAndGet();
        workers.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("campaign load task failed: {}", e.toString());
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void place(CallPlan plan, CampaignFleet.Tenant tenant, String user) {
        LongAdder[] t = tallies.get(plan);
        t[0].increment();
        CampaignFleet.Number number = plan.provider.equals("META") ? tenant.meta() : tenant.go();
        if (plan.businessInitiated) {
            Map<String, Object> body = plan.provider.equals("META") ? Map.of("to", user, "sdp", Sdps.offer())
                    : Map.of("to", user);
            Api.Response r = api.send("POST", target.gatewayUrl() + "/v1/calls", Map.of("x-api-key", number.apiKey()),
                    body);
            if (r.status() != 201) {
                fail(t, "POST /v1/calls", r);
                return;
            }
            t[1].increment();
            String callId = r.json().path("id").asString();
            acceptedCallIds.add(callId);
            if (plan == CallPlan.GO_OUT_BUSINESS_HANGS_UP_WITH_SESSION) {
                if (await(() -> connected.contains(callId), Duration.ofSeconds(30))) {
                    openSession(number, callId);
                    act(number, callId, "terminate", null);
                }
            }
            return;
        }
        Api.Response r = api.send("POST", target.sandboxUrl() + "/sandbox/users/" + user.substring(1) + "/calls",
                Map.of(), Map.of("to", number.phone()));
        if (r.status() != 201) {
            fail(t, "user call", r);
            return;
        }
        t[1].increment();
        String externalCallId = r.json().path("externalCallId").asString();
        if (plan == CallPlan.META_IN_MISSED) {
            return; // nobody answers: the provider's accept window ends it
        }
        if (!await(() -> inboundRinging.containsKey(externalCallId), Duration.ofSeconds(30))) {
            failures.computeIfAbsent("no call.ringing for a user call within 30 s", k -> new LongAdder()).increment();
            return;
        }
        String callId = inboundRinging.get(externalCallId);
        switch (plan) {
            case GO_IN_ACCEPTED -> act(number, callId, "accept", null);
            case META_IN_ACCEPTED -> act(number, callId, "accept", Map.of("sdp", Sdps.answer(), "sdpType", "answer"));
            case GO_IN_REJECTED -> act(number, callId, "reject", null);
            default -> { }
        }
    }

    /** A tenant's action on a call, retried through 5xx and timeouts; 409 (the call moved on) ends it. */
    private void act(CampaignFleet.Number number, String callId, String action, Object body) {
        long deadline = System.nanoTime() + ACTION_PATIENCE.toNanos();
        while (true) {
            Api.Response r = api.send("POST", target.gatewayUrl() + "/v1/calls/" + callId + "/" + action,
                    Map.of("x-api-key", number.apiKey()), body);
            if (r.ok() || !r.transientFailure() || System.nanoTime() > deadline) {
                if (!r.ok()) {
                    failures.computeIfAbsent(action + " → " + r.status(), k -> new LongAdder()).increment();
                }
                return;
            }
            sleep(1000);
        }
    }

    /** Opens a realtime session on a connected EVO_GO call and waits for the bridge's first message. */
    private void openSession(CampaignFleet.Number number, String callId) {
        Api.Response r = api.send("POST", target.gatewayUrl() + "/v1/calls/" + callId + "/realtime-session",
                Map.of("x-api-key", number.apiKey()), Map.of());
        if (!r.ok()) {
            sessionsFailed.increment();
            failures.computeIfAbsent("realtime-session → " + r.status(), k -> new LongAdder()).increment();
            return;
        }
        var firstMessage = new java.util.concurrent.CompletableFuture<Void>();
        try {
            api.client().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(r.json().path("wsUrl").asString()), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            firstMessage.complete(null);
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onBinary(WebSocket ws, java.nio.ByteBuffer data, boolean last) {
                            firstMessage.complete(null);
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                            sessionsClosedByBridge.increment();
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            firstMessage.get(10, TimeUnit.SECONDS);
            sessionsOpened.increment();
        } catch (Exception e) {
            sessionsFailed.increment();
            failures.computeIfAbsent("realtime WebSocket: " + e.getClass().getSimpleName(), k -> new LongAdder())
                    .increment();
        }
    }

    private void onWebhook(CampaignReceiver.Webhook w) {
        if (w.callId() == null) {
            return;
        }
        if ("call.ringing".equals(w.event()) && "INBOUND".equals(w.direction()) && w.externalCallId() != null) {
            inboundRinging.put(w.externalCallId(), w.callId());
        } else if ("call.connected".equals(w.event())) {
            connected.add(w.callId());
        }
    }

    private void fail(LongAdder[] t, String what, Api.Response r) {
        t[2].increment();
        String code = r.status() == 0 ? "no answer" : String.valueOf(r.status());
        if (r.status() >= 400) {
            try {
                code += " " + r.json().path("code").asString("");
            } catch (RuntimeException e) {
                // not JSON
            }
        }
        failures.computeIfAbsent(what + " → " + code.strip(), k -> new LongAdder()).increment();
    }

    private static boolean await(BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(100);
        }
        return condition.getAsBoolean();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        paused = true;
        clock.shutdownNow();
        workers.shutdownNow();
    }
}
