package io.ringline.bench.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform under test: where its services listen (and their pids, when known), the sandbox, the broker and
 * the database, and how it was run ({@code processes}: one JVM per service; {@code single-jvm}; {@code external}).
 * {@code startup}: how long it took to be ready and what that cost ({@link Startup}).
 */
public record Target(String kind, String gatewayUrl, String sandboxUrl, String operatorToken, String kafkaBootstrap,
        Database database, Map<String, Service> services, long launcherPid, Startup startup) {

    /** One service: base URL and pid (-1 when unknown). */
    public record Service(String url, long pid) {
    }

    /** The platform's PostgreSQL. */
    public record Database(String host, int port, String name, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }

    /** From a dev stack's {@code dev-stack.json} ({@code ./dev.sh --processes} writes pids and infrastructure). */
    public static Target fromStateFile(Path file, String operatorToken, Database fallbackDatabase,
            String fallbackKafka) {
        JsonNode state;
        try {
            state = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, Service> services = new LinkedHashMap<>();
        state.path("processes").properties().forEach(entry -> services.put(entry.getKey(),
                new Service(entry.getValue().path("url").asString(), entry.getValue().path("pid").asLong(-1))));
        JsonNode launcher = state.path("launcher");
        JsonNode pg = launcher.path("postgres");
        Database database = pg.isMissingNode() ? fallbackDatabase : new Database(pg.path("host").asString(),
                pg.path("port").asInt(), pg.path("database").asString(), fallbackDatabase.user(),
                fallbackDatabase.password());
        String kafka = launcher.path("kafkaBootstrap").isString() ? launcher.path("kafkaBootstrap").asString()
                : fallbackKafka;
        return new Target(services.isEmpty() ? "external" : "processes", state.path("gatewayUrl").asString(),
                state.path("sandboxUrl").asString(), operatorToken, kafka, database, services,
                launcher.path("pid").asLong(-1), new Startup(number(launcher.path("upInMs")),
                        number(launcher.path("aotTrainingMs")), number(launcher.path("startupCpu").path("cpuMs")),
                        number(launcher.path("startupCpu").path("jitMs"))));
    }

    private static Long number(JsonNode node) {
        return node.isNumber() ? node.asLong() : null;
    }

    /**
     * The gateway process's JVM options as the kernel saw them (everything between {@code java} and {@code -jar}):
     * what the services really ran with, {@code --jvm-opt} included; empty when its pid is unknown or it is gone.
     */
    public List<String> serviceJvmOptions() {
        Service gateway = services.get("api-gateway");
        if (gateway == null || gateway.pid() < 0) {
            return List.of();
        }
        String cmdline;
        try {
            cmdline = Files.readString(Path.of("/proc/" + gateway.pid() + "/cmdline"));
        } catch (IOException e) {
            return List.of();
        }
        String[] args = cmdline.split("\0");
        List<String> options = new ArrayList<>();
        for (int i = 1; i < args.length && !args[i].equals("-jar"); i++) {
            options.add(args[i]);
        }
        return options;
    }

    public Target withServices(Map<String, Service> services) {
        return new Target(kind, gatewayUrl, sandboxUrl, operatorToken, kafkaBootstrap, database, services,
                launcherPid, startup);
    }
}
