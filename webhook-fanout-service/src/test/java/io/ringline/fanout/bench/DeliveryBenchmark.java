package io.ringline.fanout.bench;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.ringline.fanout.FanoutApplication;
import io.ringline.fanout.subscription.EventSelection;
import io.ringline.fanout.subscription.NewSubscription;
import io.ringline.fanout.subscription.application.SubscriptionService;
import io.ringline.fanout.support.CallEvents;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Deliveries per second of one fan-out instance against real embedded Kafka + PostgreSQL and a local
 * Reactor Netty receiver where 10 % of the endpoints always fail (500) and 10 % are slow (1 s). Not part of
 * the test run: {@code ./mvnw -o -pl webhook-fanout-service -Pbenchmark -DskipTests verify}
 * (sizes: {@code -Dbench.tenants=10 -Dbench.endpointsPerTenant=5 -Dbench.events=1000}).
 */
public final class DeliveryBenchmark {

    private static final Duration SLOW = Duration.ofSeconds(1);

    private DeliveryBenchmark() {
    }

    public static void main(String[] args) {
        int tenants = Integer.getInteger("bench.tenants", 10);
        int perTenant = Integer.getInteger("bench.endpointsPerTenant", 5);
        int events = Integer.getInteger("bench.events", 1000);

        EmbeddedInfra infra = EmbeddedInfra.shared();
        Map<String, Long> publishedAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<long[]> okLatencies = new ConcurrentLinkedQueue<>(); // {latency ms, slow?1:0}
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        DisposableServer receiver = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> req.receive().then(Mono.defer(() -> {
                    requests.incrementAndGet();
                    String path = req.uri();
                    if (path.startsWith("/fail/")) {
                        failures.incrementAndGet();
                        return res.status(HttpResponseStatus.INTERNAL_SERVER_ERROR).send().then();
                    }
                    Mono<Void> wait = path.startsWith("/slow/") ? Mono.delay(SLOW).then() : Mono.empty();
                    return wait.then(Mono.defer(() -> {
                        Long start = publishedAt.get(req.requestHeaders().get("webhook-id"));
                        if (start != null) {
                            okLatencies.add(new long[] {(System.nanoTime() - start) / 1_000_000,
                                    path.startsWith("/slow/") ? 1 : 0});
                        }
                        return res.status(HttpResponseStatus.OK).send().then();
                    }));
                })))
                .bindNow();

        List<String> appArgs = new ArrayList<>(List.of("--server.port=0", "--ringline.fanout.allow-private-networks=true",
                "--ringline.fanout.delivery.retry-schedule=2s,5s,10s,30s", "--logging.level.io.ringline.fanout=WARN",
                // every simulated endpoint lives on 127.0.0.1 here; real tenants' endpoints are many hosts
                "--ringline.fanout.delivery.max-in-flight-per-host=64"));
        infra.environment().forEach((k, v) -> appArgs.add("--" + k + "=" + v));
        try (ConfigurableApplicationContext app = FanoutApplication.application().run(appArgs.toArray(String[]::new))) {
            DatabaseClient db = app.getBean(DatabaseClient.class);
            @SuppressWarnings("unchecked")
            KafkaTemplate<String, SpecificRecord> kafka = app.getBean("kafkaTemplate", KafkaTemplate.class);
            String base = "http://127.0.0.1:" + receiver.port();
            List<String> tenantIds = new ArrayList<>();
            int failing = 0;
            int slow = 0;
            for (int t = 0; t < tenants; t++) {
                String tenant = Ids.newId("ten");
                tenantIds.add(tenant);
                for (int e = 0; e < perTenant; e++) {
                    int index = t * perTenant + e;
                    String kind = index % 10 == 0 ? "fail" : index % 10 == 5 ? "slow" : "ok";
                    failing += kind.equals("fail") ? 1 : 0;
                    slow += kind.equals("slow") ? 1 : 0;
                    subscribe(app, tenant, base + "/" + kind + "/" + index);
                }
            }
            System.out.printf("%nbenchmark: %d tenants × %d endpoints (%d failing, %d slow %d ms), %d events%n",
                    tenants, perTenant, failing, slow, SLOW.toMillis(), events);

            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                String tenant = tenantIds.get(i % tenants);
                CallEvent event = CallEvents.ringing(tenant, Ids.newId("num")).build();
                publishedAt.put(event.getEventId(), System.nanoTime());
                kafka.send(Topics.CALL_EVENTS.name(), event.getNumberId(), event);
            }
            kafka.flush();
            long okTarget = (long) (events / tenants) * (perTenant * tenants - failing);
            Flux.interval(Duration.ofMillis(200)).takeUntil(tick -> okLatencies.size() >= okTarget)
                    .blockLast(Duration.ofMinutes(10));
            double seconds = (System.nanoTime() - start) / 1e9;
            long backlog = db.sql("SELECT count(*) FROM delivery WHERE status = 'PENDING'")
                    .map(row -> row.get(0, Long.class)).one().block();
            List<Long> all = okLatencies.stream().map(l -> l[0]).sorted().toList();
            List<Long> fast = okLatencies.stream().filter(l -> l[1] == 0).map(l -> l[0]).sorted().toList();
            System.out.printf("delivered %d in %.1f s = %.0f deliveries/s (%d requests incl. %d failed attempts = "
                            + "%.0f attempts/s)%n", all.size(), seconds, all.size() / seconds, requests.get(),
                    failures.get(), requests.get() / seconds);
            System.out.printf("latency publish→received, all successful: p50=%d p95=%d p99=%d max=%d ms%n",
                    pct(all, 50), pct(all, 95), pct(all, 99), all.getLast());
            System.out.printf("latency publish→received, healthy endpoints only: p50=%d p95=%d p99=%d ms%n",
                    pct(fast, 50), pct(fast, 95), pct(fast, 99));
            System.out.printf("retry backlog at the end (failing endpoints' pending deliveries): %d%n%n", backlog);
        } finally {
            receiver.disposeNow();
            infra.close();
        }
        System.exit(0);
    }

    private static void subscribe(ConfigurableApplicationContext app, String tenant, String url) {
        app.getBean(SubscriptionService.class).create(tenant,
                new NewSubscription("bench", url, EventSelection.of(List.of("*")), List.of())).block();
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
