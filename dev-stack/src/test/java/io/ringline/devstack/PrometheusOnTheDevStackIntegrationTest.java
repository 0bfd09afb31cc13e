package io.ringline.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.util.FileSystemUtils;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian's {@code prometheus}, on loopback, own storage) scrapes a freshly started, idle dev
 * stack with the production alert rules loaded ({@code deploy/prometheus/alerts.yml}), and every Grafana panel query
 * ({@code deploy/grafana/dashboards/*.json}) and every alert rule is evaluated through its HTTP API: each returns
 * data and no error — so the counters they read exist from start-up, at zero — and no alert fires on a healthy
 * platform. Skipped, loudly, only where no Prometheus binary can be found ({@code .ci/run} installs it).
 */
class PrometheusOnTheDevStackIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> RINGLINE_SERVICES = List.of("api-gateway", "call-signaling-service",
            "media-bridge-service", "webhook-fanout-service");
    /** The Ringline services on their management ports, and the sandbox (no platform-kit) on its only port. */
    private static final List<String> SCRAPED = List.of("api-gateway", "call-signaling-service",
            "media-bridge-service", "webhook-fanout-service", "provider-sandbox");
    /** Grafana's variables, as "All" and a rate window a few scrapes wide. */
    private static final Map<String, String> VARIABLES = Map.of("$application", ".*", "$provider", ".*",
            "$__rate_interval", "1m");
    /** An alert rule is "<query> <comparison> <threshold>"; the query alone must return data on a healthy stack. */
    private static final Pattern ALERT = Pattern.compile("(?s)^(.*\\S)\\s*(==|!=|>=|<=|>|<)\\s*[0-9.]+\\s*$");

    private static DevStack stack;
    private static Process prometheus;
    private static Path work;
    private static String api;

    @BeforeAll
    static void scrapeAFreshPlatform() throws Exception {
        Path binary = prometheusBinary();
        Assumptions.assumeTrue(binary != null, """

                ***************************************************************************************
                SKIPPED: no Prometheus binary (Debian package `prometheus`: apt-get install -y prometheus).
                The dashboards and alert rules were NOT evaluated against a running platform.
                ***************************************************************************************
                """);
        System.out.println("Prometheus: " + binary);
        // As deployed (docker-compose.yml, deploy/prometheus/prometheus.yml): Prometheus scrapes each service's
        // management port, the only listener where actuator beyond health needs no internal token.
        DevStackOptions options = DevStackOptions.ephemeral();
        for (String service : RINGLINE_SERVICES) {
            options = options.withProperty(service, "management.server.port", "0");
        }
        stack = DevStack.start(options);
        work = Files.createTempDirectory("prometheus-devstack");
        Files.copy(ROOT.resolve("deploy/prometheus/alerts.yml"), work.resolve("alerts.yml"));
        Files.writeString(work.resolve("prometheus.yml"), scrapeConfig(stack.platform()));
        int port = freePort();
        api = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(binary.toString(),
                "--config.file=" + work.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + work.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();

        Awaitility.await().alias("Prometheus ready").atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> get("/-/ready").statusCode() == 200);
        // Every target scraped a few times (rates need two samples), and the rules evaluated at least once.
        Awaitility.await().alias("every service scraped three times").atMost(90, TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> query("count_over_time(up{job=\"ringline\"}[1m]) >= 3").size() == SCRAPED.size());
        Awaitility.await().alias("every rule evaluated").atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                .until(() -> rules().stream().allMatch(rule -> !rule.path("lastEvaluation").asString("")
                        .startsWith("0001")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (stack != null) {
            stack.close();
        }
        if (work != null) {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    @Test
    void everyServiceIsUp() throws Exception {
        JsonNode up = query("up{job=\"ringline\"} == 1");
        assertThat(up.valueStream().map(series -> series.at("/metric/service").asString()))
                .containsExactlyInAnyOrderElementsOf(SCRAPED);
    }

    @Test
    void everyDashboardQueryReturnsDataOnAnIdleHealthyPlatform() throws Exception {
        Map<String, String> queries = dashboardQueries();
        assertThat(queries).as("queries found in deploy/grafana/dashboards").hasSizeGreaterThan(20);
        List<String> empty = new ArrayList<>();
        queries.forEach((panel, expr) -> {
            if (query(expr).isEmpty()) {
                empty.add(panel + ": " + expr);
            }
        });
        assertThat(empty).as("panels that would show \"No data\" on a healthy platform").isEmpty();
    }

    @Test
    void everyAlertRuleEvaluatesWithoutErrorReadsDataAndNoneFires() throws Exception {
        List<Map<String, Object>> defined = alertRules();
        List<JsonNode> loaded = rules();
        assertThat(loaded.stream().map(rule -> rule.path("name").asString()))
                .containsExactlyInAnyOrderElementsOf(defined.stream().map(rule -> (String) rule.get("alert")).toList());
        List<String> problems = new ArrayList<>();
        for (JsonNode rule : loaded) {
            if (!rule.path("health").asString().equals("ok") || !rule.path("lastError").asString("").isEmpty()) {
                problems.add(rule.path("name").asString() + ": health " + rule.path("health") + " " + rule.path("lastError"));
            }
            if (!rule.path("alerts").isEmpty()) {
                problems.add(rule.path("name").asString() + " is " + rule.path("state").asString() + " on a healthy platform");
            }
        }
        for (Map<String, Object> rule : defined) {
            String expr = ((String) rule.get("expr")).strip();
            Matcher comparison = ALERT.matcher(expr);
            if (!comparison.matches()) {
                problems.add(rule.get("alert") + ": not '<query> <comparison> <threshold>', cannot check its query");
            } else if (query(comparison.group(1)).isEmpty()) {
                problems.add(rule.get("alert") + " reads nothing: " + comparison.group(1));
            }
        }
        assertThat(problems).as("alert rules of deploy/prometheus/alerts.yml").isEmpty();
    }

    @Test
    void everyDashboardVariableHasValues() throws Exception {
        for (JsonNode dashboard : dashboards()) {
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                String definition = variable.path("definition").asString("");
                Matcher values = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)").matcher(definition);
                assertThat(values.matches()).as("variable %s: %s", variable.path("name"), definition).isTrue();
                JsonNode found = query("count by (" + values.group(2) + ") (" + values.group(1) + ")");
                assertThat(found).as("values of variable %s", variable.path("name")).isNotEmpty();
            }
        }
    }

    /** The result of an instant query; fails the test on any error Prometheus reports. */
    private static JsonNode query(String expr) {
        try {
            HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("status").asString()).as("query %s: %s", expr, response.body()).isEqualTo("success");
            return body.at("/data/result");
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> rules() throws IOException, InterruptedException {
        JsonNode body = JSON.readTree(get("/api/v1/rules?type=alert").body());
        List<JsonNode> rules = new ArrayList<>();
        body.at("/data/groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Panel title (with its index) → query, Grafana variables substituted. */
    private static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode dashboard : dashboards()) {
            collect(dashboard.path("panels"), queries);
        }
        return queries;
    }

    private static void collect(JsonNode panels, Map<String, String> queries) {
        for (JsonNode panel : panels) {
            collect(panel.path("panels"), queries);
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString("");
                if (!expr.isBlank()) {
                    for (var variable : VARIABLES.entrySet()) {
                        expr = expr.replace(variable.getKey(), variable.getValue());
                    }
                    queries.put(panel.path("title").asString() + " #" + queries.size(), expr);
                }
            }
        }
    }

    private static List<JsonNode> dashboards() throws IOException {
        List<JsonNode> dashboards = new ArrayList<>();
        try (var files = Files.list(ROOT.resolve("deploy/grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(JSON.readTree(Files.readString(file)));
            }
        }
        return dashboards;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules() throws IOException {
        Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ROOT.resolve("deploy/prometheus/alerts.yml")));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /**
     * Scrapes each service where its actuator answers: the management port when the service runs one
     * ({@code local.management.port}), else its own port; the same job and labels as deploy/prometheus.
     */
    private static String scrapeConfig(Platform platform) {
        StringBuilder targets = new StringBuilder();
        for (String service : SCRAPED) {
            ServiceInstance instance = platform.service(service);
            Environment env = instance.context().getEnvironment();
            Integer management = env.getProperty("local.management.port", Integer.class);
            if (RINGLINE_SERVICES.contains(service) && (management == null || management <= 0)) {
                throw new IllegalStateException(service + " has no management port to scrape");
            }
            int port = management != null && management > 0 ? management : instance.port();
            targets.append("""
                      - targets: ["127.0.0.1:%d"]
                        labels:
                          service: %s
                """.formatted(port, service));
        }
        String path = platform.service("api-gateway").context().getEnvironment()
                .getProperty("management.endpoints.web.base-path", "/actuator") + "/prometheus";
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - alerts.yml
                scrape_configs:
                  - job_name: ringline
                    metrics_path: %s
                    static_configs:
                %s""".formatted(path, targets);
    }

    private static Path prometheusBinary() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/prometheus")));
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String directory : pathVariable.split(":")) {
            if (!directory.isBlank()) {
                candidates.add(Path.of(directory, "prometheus"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
