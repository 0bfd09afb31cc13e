package io.ringline.bench.observe;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples each service's used heap every five seconds from its {@code /actuator/prometheus}
 * ({@code jvm_memory_used_bytes{area="heap"}}, summed over the pools) and keeps the maximum, overall and since the
 * last {@link #mark()}.
 */
public final class HeapSampler implements AutoCloseable {

    /** Rendering the whole registry costs the service CPU: often enough to see the peak, not more. */
    private static final long SAMPLE_EVERY_SECONDS = 5;

    private final Map<String, String> prometheusUrls;
    private final String internalToken;
    private final Map<String, Long> maxBytes = new ConcurrentHashMap<>();
    private final Map<String, Long> maxSinceMark = new ConcurrentHashMap<>();
    private final Map<String, Double> firstGcSeconds = new ConcurrentHashMap<>();
    private final Map<String, Double> lastGcSeconds = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param serviceUrls   service name → base URL
     * @param internalToken {@code x-internal-token}: the services' actuator beyond health asks for it on the public
     *                      port (the sandbox's is open)
     */
    public HeapSampler(Map<String, String> serviceUrls, String internalToken) {
        this.internalToken = internalToken;
        this.prometheusUrls = new LinkedHashMap<>();
        serviceUrls.forEach((name, url) -> prometheusUrls.put(name, url + "/actuator/prometheus"));
        scheduler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private void sample() {
        prometheusUrls.forEach((name, url) -> {
            String text = ActuatorText.read(http, url, internalToken);
            if (text == null) {
                return;
            }
            long used = (long) sum(text, "jvm_memory_used_bytes{", "area=\"heap\"");
            if (used > 0) {
                maxBytes.merge(name, used, Math::max);
                maxSinceMark.merge(name, used, Math::max);
            }
            double gc = sum(text, "jvm_gc_pause_seconds_sum{", "");
            firstGcSeconds.putIfAbsent(name, gc);
            lastGcSeconds.put(name, gc);
        });
    }

    /** Sum of the samples of one metric whose line also contains {@code labelPart}. */
    static double sum(String prometheusText, String metricPrefix, String labelPart) {
        double sum = 0;
        int at = prometheusText.indexOf(metricPrefix);
        while (at >= 0) {
            int end = prometheusText.indexOf('\n', at);
            String line = prometheusText.substring(at, end < 0 ? prometheusText.length() : end);
            if ((at == 0 || prometheusText.charAt(at - 1) == '\n') && line.contains(labelPart)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
            at = prometheusText.indexOf(metricPrefix, at + 1);
        }
        return sum;
    }

    /** Seconds each service spent in GC pauses since sampling began. */
    public Map<String, Double> gcPauseSeconds() {
        Map<String, Double> gc = new LinkedHashMap<>();
        lastGcSeconds.forEach((name, last) -> gc.put(name, last - firstGcSeconds.getOrDefault(name, last)));
        return gc;
    }

    /** Starts a new "since mark" window and returns the maxima of the one that ends. */
    public Map<String, Long> mark() {
        sample();
        Map<String, Long> window = new LinkedHashMap<>(maxSinceMark);
        maxSinceMark.clear();
        return window;
    }

    public Map<String, Long> maxBytes() {
        return new LinkedHashMap<>(maxBytes);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
