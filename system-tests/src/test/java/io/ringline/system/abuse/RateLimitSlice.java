package io.ringline.system.abuse;

import io.ringline.devstack.ServiceInstance;
import io.ringline.gateway.GatewayApplication;
import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.gen.HostileRequest;
import io.ringline.system.abuse.http.RawHttpConnection;
import io.ringline.system.abuse.http.RawRequest;
import io.ringline.system.abuse.http.RawRequest.Header;
import io.ringline.system.abuse.http.RawResponse;
import io.ringline.system.abuse.oracle.Oracle;
import io.ringline.system.abuse.run.Tally;
import io.ringline.system.abuse.world.World;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The campaign's slice with rate limits on: a second gateway instance (same database, broker and
 * services) with a small per-key bucket, hit by one number key faster than it refills — reads and refused
 * writes mixed. Every answer must still be a documented one, some must be {@code 429 RATE_LIMITED}, and
 * every 429 must carry {@code Retry-After}.
 */
final class RateLimitSlice {

    static final int CAPACITY = 5;
    static final String REFILL_PER_SECOND = "1";

    /** What the slice saw. */
    record Result(long sent, long rateLimited, long withoutRetryAfter) {
    }

    private RateLimitSlice() {
    }

    static Result run(AbusePlatform platform, World world, List<Route> routes, Oracle oracle, Tally tally, int requests,
            int concurrency) throws InterruptedException {
        ConfigurableApplicationContext gateway = startLimitedGateway(platform);
        try {
            int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
            Route list = find(routes, "GET", "/v1/calls");
            Route place = find(routes, "POST", "/v1/calls");
            String key = world.a().evoGo().numberKey();
            AtomicLong next = new AtomicLong();
            AtomicLong limited = new AtomicLong();
            AtomicLong noRetryAfter = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(Thread.ofPlatform().name("abuse-ratelimit-" + w).start(() -> {
                    try (RawHttpConnection connection = new RawHttpConnection(world.host(), port, 30_000)) {
                        for (long seq = next.getAndIncrement(); seq < requests; seq = next.getAndIncrement()) {
                            HostileRequest request = seq % 2 == 0 ? read(list, key, seq) : refusedWrite(place, key, seq);
                            RawResponse response = connection.exchange(request.raw());
                            tally.record(request, response, oracle.judge(request, response));
                            if (response.status() == 429) {
                                limited.incrementAndGet();
                                if (!isPositiveInteger(response.header("retry-after"))) {
                                    noRetryAfter.incrementAndGet();
                                }
                            }
                        }
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            return new Result(requests, limited.get(), noRetryAfter.get());
        } finally {
            gateway.close();
        }
    }

    private static HostileRequest read(Route route, String key, long seq) {
        RawRequest raw = RawRequest.of("GET", "/v1/calls?limit=1", List.of(Header.of("x-api-key", key)), null);
        return new HostileRequest(-seq - 1, route, "ratelimit:burst-read", raw, HostileRequest.Expect.HARMLESS_READ,
                Set.of(), false);
    }

    private static HostileRequest refusedWrite(Route route, String key, long seq) {
        RawRequest raw = RawRequest.of("POST", "/v1/calls", List.of(Header.of("x-api-key", key),
                Header.of("Content-Type", "application/json")), "{\"to\": 5511}".getBytes(StandardCharsets.UTF_8));
        return new HostileRequest(-seq - 1, route, "ratelimit:burst-refused-write", raw, HostileRequest.Expect.REFUSED,
                Set.of("body:invalid"), false);
    }

    private static ConfigurableApplicationContext startLimitedGateway(AbusePlatform platform) {
        SpringApplication app = GatewayApplication.application();
        app.setRegisterShutdownHook(false);
        // As the dev stack launches its services: the development profile, and Reactor Netty resources of its
        // own, so closing this instance does not dispose the event loops the rest of the platform runs on.
        app.setAdditionalProfiles("dev");
        app.addInitializers(context -> ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class,
                () -> {
                    ReactorResourceFactory resources = new ReactorResourceFactory();
                    resources.setUseGlobalResources(false);
                    return resources;
                }));
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--logging.include-application-name=false"));
        platform.stack().platform().infra().environment().forEach((k, v) -> args.add("--" + k + "=" + v));
        Map<String, String> urls = Map.of("ringline.signaling.url", url(platform.service("call-signaling-service")),
                "ringline.fanout.url", url(platform.service("webhook-fanout-service")),
                "ringline.media.url", url(platform.service("media-bridge-service")));
        urls.forEach((k, v) -> args.add("--" + k + "=" + v));
        platform.gatewayProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--ringline.gateway.rate-limit.enabled=true");
        // Both generations of the limiter's settings: one bucket per key, and (later) per key and per tenant.
        args.add("--ringline.gateway.rate-limit.capacity=" + CAPACITY);
        args.add("--ringline.gateway.rate-limit.refill-per-second=" + REFILL_PER_SECOND);
        for (String scope : List.of("key", "tenant")) {
            args.add("--ringline.gateway.rate-limit.defaults." + scope + "-burst=" + CAPACITY);
            args.add("--ringline.gateway.rate-limit.defaults." + scope + "-per-second=" + REFILL_PER_SECOND);
        }
        return app.run(args.toArray(String[]::new));
    }

    private static String url(ServiceInstance service) {
        return service.url();
    }

    private static Route find(List<Route> routes, String method, String template) {
        return routes.stream().filter(r -> r.method().equals(method) && r.template().equals(template)).findFirst()
                .orElseThrow(() -> new IllegalStateException(method + " " + template + " is not in the OpenAPI document"));
    }

    private static boolean isPositiveInteger(String value) {
        return value != null && value.matches("[1-9][0-9]*");
    }
}
