package io.ringline.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The empty-database run a seeded-history run is judged against ({@link HistoryCheck}): the newest valid run in
 * {@code bench/results/} of the same code (git commit) and mode with a calls scenario and no seeded history — what
 * {@code ./bench.sh --only=calls} just before {@code ./bench.sh --history --only=calls} leaves — and only when there
 * is none, {@code latest.json} (the last complete run, which may be of other code). Two runs of different code or
 * mode would compare the code or the ladder, not the history. The node says which run it is ({@code comparedWith}).
 */
public final class EmptyRun {

    private static final Logger log = LoggerFactory.getLogger(EmptyRun.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EmptyRun() {
    }

    /**
     * @param results the results directory ({@code bench/results})
     * @param mode    this run's mode ({@code quick} or {@code full})
     * @param commit  this run's git commit
     * @return {@code scenarios.calls} of that run with {@code comparedWith} set, or null when there is none
     */
    public static JsonNode find(Path results, String mode, String commit) {
        List<Path> runs;
        try (Stream<Path> dirs = Files.list(results)) {
            runs = dirs.filter(dir -> Files.isRegularFile(dir.resolve("results.json")))
                    .sorted(Comparator.comparing((Path dir) -> dir.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            runs = List.of();
        }
        for (Path dir : runs) {
            Optional<JsonNode> run = read(dir.resolve("results.json"));
            if (run.isPresent() && sameShapeEmpty(run.get(), mode, commit)) {
                return calls(run.get(), dir.getFileName().toString());
            }
        }
        return read(results.resolve("latest.json")).map(run -> calls(run, "latest.json")).orElse(null);
    }

    private static boolean sameShapeEmpty(JsonNode run, String mode, String commit) {
        JsonNode conditions = run.path("conditions");
        return run.path("valid").asBoolean(false)
                && conditions.path("history").isMissingNode()
                && mode.equals(conditions.path("mode").asString(""))
                && commit.equals(conditions.path("gitCommit").asString(""))
                && run.path("scenarios").path("calls").path("steps").isArray();
    }

    private static JsonNode calls(JsonNode run, String name) {
        JsonNode calls = run.path("scenarios").path("calls");
        if (!(calls instanceof ObjectNode object)) {
            return null;
        }
        return object.put("comparedWith", name);
    }

    private static Optional<JsonNode> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read {} to compare the history run with: {}", file, e.toString());
            return Optional.empty();
        }
    }
}
