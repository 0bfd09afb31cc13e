package io.ringline.bench.observe;

import io.ringline.bench.report.Num;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a step's milliseconds go along a critical path: the platform's own timers for each hop (Micrometer's
 * {@code _sum} and {@code _count} from each service's {@code /actuator/prometheus}), read before and after a step, give
 * each hop's mean in that step — so a report shows which hop grows with the load, not only the end-to-end latency.
 * A hop whose service could not be read, or that ran no operation in the step, is left out (never a zero).
 */
public final class HopTimers {

    /** One timer of one service; {@code tags} select its series (every series matching all of them is summed). */
    public record Hop(String name, String service, String metric, Map<String, String> tags) {
    }

    private static final String GATEWAY = "api-gateway";
    private static final String SIGNALING = "call-signaling-service";
    private static final String FANOUT = "webhook-fanout-service";

    /** A call placed: the gateway's answer, its command's round trip and, inside it, signaling's work. */
    public static final List<Hop> CALL_PATH = List.of(
            new Hop("POST (gateway)", GATEWAY, "http_server_requests_seconds",
                    Map.of("method", "POST", "uri", "/v1/calls", "status", "201")),
            new Hop("command round trip", GATEWAY, "ringline_gateway_command_seconds",
                    Map.of("command", "place", "outcome", "ok")),
            new Hop("signaling commands batch", SIGNALING, "spring_kafka_listener_seconds",
                    Map.of("name", "signaling.commands-0")),
            new Hop("provider request", SIGNALING, "ringline_provider_request_seconds",
                    Map.of("action", "place", "provider", "EVO_GO", "outcome", "success")),
            new Hop("reply produced (to ack)", SIGNALING, "spring_kafka_template_seconds",
                    Map.of("name", "kafkaTemplate")));

    /** A provider signal to the tenant's webhook: each service's part, in path order. */
    public static final List<Hop> SIGNAL_PATH = List.of(
            new Hop("GO webhook in (gateway)", GATEWAY, "http_server_requests_seconds",
                    Map.of("method", "POST", "uri", "/webhooks/evolution-go", "status", "200")),
            new Hop("signal produced (to ack)", GATEWAY, "spring_kafka_template_seconds",
                    Map.of("name", "kafkaTemplate")),
            new Hop("signaling signals batch", SIGNALING, "spring_kafka_listener_seconds",
                    Map.of("name", "signaling.signals-0")),
            new Hop("event relayed (to ack)", SIGNALING, "spring_kafka_template_seconds",
                    Map.of("name", "bytesKafkaTemplate")),
            new Hop("fan-out call-events batch", FANOUT, "spring_kafka_listener_seconds",
                    Map.of("name", "fanout-call-events-0")),
            new Hop("webhook attempt", FANOUT, "ringline_webhook_attempt_seconds", Map.of("outcome", "success")));

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> serviceUrls;
    private final String internalToken;

    /** @param internalToken {@code x-internal-token}: the services' actuator beyond health asks for it */
    public HopTimers(Map<String, String> serviceUrls, String internalToken) {
        this.serviceUrls = serviceUrls;
        this.internalToken = internalToken;
    }

    /** Each hop's seconds and count so far ({@code [sum, count]}), for the hops whose service answered. */
    public Map<String, double[]> snapshot(List<Hop> hops) {
        Set<String> services = new LinkedHashSet<>();
        hops.forEach(h -> services.add(h.service()));
        Map<String, String> texts = new LinkedHashMap<>();
        for (String service : services) {
            String url = serviceUrls.get(service);
            String text = url == null ? null : ActuatorText.read(http, url + "/actuator/prometheus", internalToken);
            if (text != null) {
                texts.put(service, text);
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Hop hop : hops) {
            String text = texts.get(hop.service());
            if (text != null) {
                out.put(hop.name(), read(text, hop));
            }
        }
        return out;
    }

    /** Each hop's mean in milliseconds between two snapshots, in the hops' order; hops with no operation left out. */
    public static Map<String, Double> meansMs(Map<String, double[]> before, Map<String, double[]> after) {
        Map<String, Double> means = new LinkedHashMap<>();
        after.forEach((hop, a) -> {
            double[] b = before.get(hop);
            if (b != null && a[1] - b[1] > 0) {
                means.put(hop, Num.round((a[0] - b[0]) / (a[1] - b[1]) * 1000, 2));
            }
        });
        return means;
    }

    /** {@code [sum of _sum, sum of _count]} over the hop's metric series whose labels include all its tags. */
    static double[] read(String prometheusText, Hop hop) {
        double sum = 0;
        double count = 0;
        for (String line : prometheusText.split("\n")) {
            boolean isSum = line.startsWith(hop.metric() + "_sum{");
            boolean isCount = line.startsWith(hop.metric() + "_count{");
            if (!(isSum || isCount)) {
                continue;
            }
            int close = line.lastIndexOf('}');
            if (close < 0 || !matches(line.substring(line.indexOf('{') + 1, close), hop.tags())) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (isSum) {
                sum += value;
            } else {
                count += value;
            }
        }
        return new double[] {sum, count};
    }

    private static boolean matches(String labels, Map<String, String> tags) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = LABEL.matcher(labels);
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return tags.entrySet().stream().allMatch(t -> t.getValue().equals(found.get(t.getKey())));
    }
}
