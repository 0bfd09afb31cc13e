package io.ringline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmptyRunTest {

    @TempDir
    Path results;

    @Test
    void theNewestValidEmptyRunOfTheSameCodeAndModeIsChosen() throws IOException {
        run("20261205-0300", true, "full", "abc", false);   // older, the same code: a candidate
        run("20261205-0400", true, "full", "abc", false);   // newest such run: chosen
        run("20261205-0410", true, "full", "other", false); // other code
        run("20261205-0420", true, "quick", "abc", false);  // other mode
        run("20261205-0430", false, "full", "abc", false);  // void
        run("20261205-0440", true, "full", "abc", true);    // a history run itself
        Files.writeString(results.resolve("latest.json"), json(true, "full", "old", false, "latest"));

        var chosen = EmptyRun.find(results, "full", "abc");

        assertThat(chosen.path("comparedWith").asString()).isEqualTo("20261205-0400");
        assertThat(chosen.path("maxSustainedPerSec").asDouble()).isEqualTo(400.0);
    }

    @Test
    void withoutSuchARunTheLastCompleteRunIsUsedAndNamed() throws IOException {
        run("20261205-0410", true, "full", "other", false);
        Files.writeString(results.resolve("latest.json"), json(true, "full", "old", false, "latest"));

        assertThat(EmptyRun.find(results, "full", "abc").path("comparedWith").asString()).isEqualTo("latest.json");
    }

    @Test
    void withNothingStoredThereIsNothingToCompareWith() {
        assertThat(EmptyRun.find(results, "full", "abc")).isNull();
    }

    private void run(String name, boolean valid, String mode, String commit, boolean history) throws IOException {
        Path dir = Files.createDirectories(results.resolve(name));
        Files.writeString(dir.resolve("results.json"), json(valid, mode, commit, history, name));
    }

    /** A results.json reduced to what the choice reads; the sustained rate tells the runs apart (04:00 → 400). */
    private static String json(boolean valid, String mode, String commit, boolean history, String name) {
        String rate = name.startsWith("2026") ? String.valueOf(Integer.parseInt(name.substring(9, 11)) * 100) : "1";
        return """
                {"valid": %s, "conditions": {"mode": "%s", "gitCommit": "%s"%s},
                 "scenarios": {"calls": {"maxSustainedPerSec": %s, "steps": []}}}"""
                .formatted(valid, mode, commit, history ? ", \"history\": {\"signaling.calls\": 1}" : "", rate);
    }
}
