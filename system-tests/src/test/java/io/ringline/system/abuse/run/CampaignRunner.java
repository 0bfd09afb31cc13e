package io.ringline.system.abuse.run;

import io.ringline.system.abuse.catalog.Service;
import io.ringline.system.abuse.gen.Generator;
import io.ringline.system.abuse.gen.HostileRequest;
import io.ringline.system.abuse.http.RawHttpConnection;
import io.ringline.system.abuse.http.RawResponse;
import io.ringline.system.abuse.oracle.Oracle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends requests {@code 0..count-1} from a fixed number of worker threads — the number of requests in
 * flight never exceeds it — each with its own persistent connections, and tallies every judgement.
 */
public final class CampaignRunner {

    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Generator generator;
    private final Oracle oracle;
    private final String host;
    private final int gatewayPort;
    private final int mediaPort;
    private final java.nio.file.Path stallDump;

    /** @param stallDump where to dump the JVM's threads the first time a request waits more than 10 s */
    public CampaignRunner(Generator generator, Oracle oracle, String host, int gatewayPort, int mediaPort,
            java.nio.file.Path stallDump) {
        this.stallDump = stallDump;
        this.generator = generator;
        this.oracle = oracle;
        this.host = host;
        this.gatewayPort = gatewayPort;
        this.mediaPort = mediaPort;
    }

    public Tally run(long count, int concurrency, Tally tally, RequestLog log) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> crashed = java.util.Collections.synchronizedList(new ArrayList<>());
        StallWatch stalls = new StallWatch(concurrency, 10_000, stallDump);
        for (int w = 0; w < concurrency; w++) {
            int index = w;
            Thread worker = Thread.ofPlatform().name("abuse-worker-" + w).start(() -> {
                try (RawHttpConnection gateway = new RawHttpConnection(host, gatewayPort, READ_TIMEOUT_MILLIS);
                        RawHttpConnection media = new RawHttpConnection(host, mediaPort, READ_TIMEOUT_MILLIS)) {
                    for (long seq = next.getAndIncrement(); seq < count; seq = next.getAndIncrement()) {
                        HostileRequest request = generator.next(seq);
                        RawHttpConnection connection = request.route().service() == Service.MEDIA ? media : gateway;
                        java.time.Instant sent = java.time.Instant.now();
                        long started = System.nanoTime();
                        stalls.started(index);
                        RawResponse response = connection.exchange(request.raw());
                        stalls.finished(index);
                        long millis = (System.nanoTime() - started) / 1_000_000;
                        Oracle.Judgement judgement = oracle.judge(request, response);
                        tally.record(request, response, judgement, millis);
                        log.write(sent, millis, request, judgement);
                    }
                } catch (Throwable t) {
                    crashed.add(t);
                }
            });
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        stalls.close();
        if (!crashed.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("a campaign worker crashed: " + crashed.getFirst(),
                    crashed.getFirst());
            throw failure;
        }
        return tally;
    }
}
