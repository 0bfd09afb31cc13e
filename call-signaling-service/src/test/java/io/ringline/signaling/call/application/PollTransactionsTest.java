package io.ringline.signaling.call.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.signaling.call.application.SignalService.Observed;
import io.ringline.signaling.call.provider.ProviderObservation;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PollTransactionsTest {

    @Test
    void aSmallPollIsOneTransactionInOffsetOrder() {
        List<Observed> poll = poll(8, 5);

        assertThat(PollTransactions.split(poll)).containsExactly(poll);
    }

    @Test
    void aLargePollIsSharedOutOverAFewTransactionsEachNumberInOneInOffsetOrder() {
        List<Observed> poll = poll(200, 40);

        List<List<Observed>> parts = PollTransactions.split(poll);

        assertThat(parts).hasSize(PollTransactions.MOST_TRANSACTIONS);
        assertThat(parts.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(poll);
        for (List<Observed> part : parts) {
            assertThat(part).isSortedAccordingTo((a, b) -> Integer.compare(poll.indexOf(a), poll.indexOf(b)));
            for (List<Observed> other : parts) {
                if (other != part) {
                    assertThat(numbers(other)).doesNotContainAnyElementsOf(numbers(part));
                }
            }
        }
    }

    @Test
    void aPollJustOverTheSmallestShareIsTwoTransactionsAtMost() {
        assertThat(PollTransactions.split(poll(9, 9))).hasSizeBetween(1, 2);
        assertThat(PollTransactions.split(poll(17, 17))).hasSizeBetween(1, 3);
    }

    @Test
    void aPollOfOneNumberIsOneTransactionWhateverItsSize() {
        List<Observed> poll = poll(100, 1);

        assertThat(PollTransactions.split(poll)).containsExactly(poll);
    }

    private static List<String> numbers(List<Observed> part) {
        return part.stream().map(observed -> observed.signal().number().numberId()).distinct().toList();
    }

    /** {@code size} signals over {@code numbers} numbers, interleaved. */
    private static List<Observed> poll(int size, int numbers) {
        List<Observed> poll = new ArrayList<>();
        IntStream.range(0, size).forEach(i -> {
            NumberAccount number = new NumberAccount("num_" + (i % numbers), "ten_1", Provider.EVO_GO,
                    "+551130000000", "http://go", "inst", "v1.sealed", 1);
            poll.add(new Observed(new IncomingSignal("sig_" + i, number, "evogo.CallRinging", "{}", Instant.EPOCH),
                    new ProviderObservation.Irrelevant("test")));
        });
        return poll;
    }
}
