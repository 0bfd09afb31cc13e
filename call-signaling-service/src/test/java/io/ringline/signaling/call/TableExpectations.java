package io.ringline.signaling.call;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Turns a test's own copy of a SPEC §3 table ("DIRECTION, FROM, TRIGGER, TO" rows) into parameterized
 * cases: one per allowed row, and one per combination the table must reject.
 */
final class TableExpectations {

    private TableExpectations() {
    }

    static Stream<Arguments> allowed(String... rows) {
        return Arrays.stream(rows).map(row -> row.split(",\\s*")).map(cells -> Arguments.of(
                Direction.valueOf(cells[0]), CallStatus.valueOf(cells[1]), Trigger.valueOf(cells[2]),
                CallStatus.valueOf(cells[3])));
    }

    /** Every (direction, from, trigger) without a row, terminal statuses included. */
    static Stream<Arguments> rejected(String... rows) {
        Set<String> keys = Arrays.stream(rows)
                .map(row -> row.substring(0, row.lastIndexOf(',')).replace(" ", ""))
                .collect(Collectors.toSet());
        return Stream.of(Direction.values()).flatMap(direction -> Stream.of(CallStatus.values())
                .flatMap(from -> Stream.of(Trigger.values())
                        .filter(trigger -> !keys.contains(direction + "," + from + "," + trigger))
                        .map(trigger -> Arguments.of(direction, from, trigger))));
    }
}
