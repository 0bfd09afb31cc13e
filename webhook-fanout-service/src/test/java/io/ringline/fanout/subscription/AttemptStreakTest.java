package io.ringline.fanout.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Folding a batch's attempts into one health update gives what applying them one by one gives: the same
 * {@code failing_since} (as the recorder's SQL computes it from the fold) and the latest {@code last_triggered}.
 */
class AttemptStreakTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant STORED = Instant.parse("2026-11-20T00:00:00Z");

    private record Attempt(boolean success, int second) {
        Instant at() {
            return T0.plusSeconds(second);
        }
    }

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of(List.of(new Attempt(true, 1))),
                Arguments.of(List.of(new Attempt(false, 1))),
                Arguments.of(List.of(new Attempt(false, 1), new Attempt(false, 2))),
                Arguments.of(List.of(new Attempt(false, 1), new Attempt(true, 2))),
                Arguments.of(List.of(new Attempt(true, 1), new Attempt(false, 2))),
                Arguments.of(List.of(new Attempt(true, 1), new Attempt(false, 3), new Attempt(false, 2))),
                Arguments.of(List.of(new Attempt(false, 3), new Attempt(true, 1), new Attempt(false, 2),
                        new Attempt(true, 4))));
    }

    @ParameterizedTest
    @MethodSource("runs")
    void foldingEqualsApplyingOneByOne(List<Attempt> attempts) {
        for (Instant stored : new Instant[] {null, STORED}) {
            Instant oneByOne = stored;
            Instant last = null;
            for (Attempt a : attempts) {
                oneByOne = a.success() ? null : (oneByOne != null ? oneByOne : a.at()); // the old per-attempt SQL
                last = last == null || a.at().isAfter(last) ? a.at() : last;
            }
            AttemptStreak folded = null;
            for (Attempt a : attempts) {
                folded = folded == null ? AttemptStreak.of("wh_1", a.success(), a.at()) : folded.then(a.success(), a.at());
            }
            // The recorder's SQL: CASE WHEN succeeded THEN failing_from ELSE COALESCE(failing_since, failing_from) END
            Instant batched = folded.succeeded() ? folded.failingFrom()
                    : (stored != null ? stored : folded.failingFrom());
            assertThat(batched).as("stored %s, attempts %s", stored, attempts).isEqualTo(oneByOne);
            assertThat(folded.lastAttemptAt()).isEqualTo(last);
        }
    }
}
