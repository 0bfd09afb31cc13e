package io.ringline.signaling.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.signaling.number.Provider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks every provider's SPEC §3 table gets, row by row: every listed row is allowed, everything
 * else is rejected, and the table has exactly the listed rows. A subclass only supplies its provider
 * and its own copy of the rows ("DIRECTION, FROM, TRIGGER, TO").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TransitionTableContract {

    private final TransitionTable table;
    private final String[] allowedRows;

    protected TransitionTableContract(Provider provider, String... allowedRows) {
        this.table = TransitionTable.of(provider);
        this.allowedRows = allowedRows.clone();
    }

    Stream<Arguments> allowed() {
        return TableExpectations.allowed(allowedRows);
    }

    Stream<Arguments> rejected() {
        return TableExpectations.rejected(allowedRows);
    }

    @ParameterizedTest(name = "{0} {1} --{2}--> {3}")
    @MethodSource("allowed")
    void allows(Direction direction, CallStatus from, Trigger trigger, CallStatus to) {
        assertThat(table.next(direction, from, trigger)).contains(to);
    }

    @ParameterizedTest(name = "{0} {1} --{2}--> rejected")
    @MethodSource("rejected")
    void rejects(Direction direction, CallStatus from, Trigger trigger) {
        assertThat(table.next(direction, from, trigger)).isEmpty();
    }

    @Test
    void hasExactlyTheListedRows() {
        assertThat(table.rows()).hasSize(allowedRows.length);
    }
}
