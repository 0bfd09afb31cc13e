package io.ringline.signaling.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.signaling.number.Provider;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks every provider's SPEC §3 table gets, row by row: every listed row is allowed, everything
 * else is rejected, and the table has exactly the listed rows. A subclass only supplies its provider
 * and its own copy of the rows ("DIRECTION, FROM, TRIGGER, TO"). And every row keeps the rule the calls
 * table's indexes rely on (signaling V8): a call is in progress exactly until a trigger that ends it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TransitionTableContract {

    /** The triggers {@code Call} applies through {@code end()}, which stamps {@code ended_at}. */
    private static final Set<Trigger> ENDING = EnumSet.of(Trigger.REJECT, Trigger.DECLINED, Trigger.TERMINATE,
            Trigger.HUNG_UP, Trigger.RING_TIMEOUT, Trigger.FAILURE, Trigger.RECONCILED);

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

    /**
     * "In progress" is "no ended_at" in the database (V8: the sweeps, the reconciliation scan and retention read
     * partial indexes on it, so a call's ringing and answer change no indexed column): a row leads to a terminal
     * status exactly when its trigger ends the call, or when the call had already ended.
     */
    @ParameterizedTest(name = "{0} {1} --{2}--> {3}: terminal iff ended")
    @MethodSource("allowed")
    void leadsToATerminalStatusExactlyWhenItsTriggerEndsTheCall(Direction direction, CallStatus from, Trigger trigger,
            CallStatus to) {
        assertThat(to.isTerminal()).isEqualTo(ENDING.contains(trigger) || from.isTerminal());
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
