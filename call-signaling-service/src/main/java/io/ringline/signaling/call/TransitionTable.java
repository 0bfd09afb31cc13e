package io.ringline.signaling.call;

import io.ringline.signaling.number.Provider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One provider's state machine as data: {@code (direction, from, trigger) → to}; a combination
 * without a row is not allowed. Direction is part of the key because an inbound and an outbound call
 * in the same status allow different things (only an inbound call can be accepted or rejected).
 */
final class TransitionTable {

    public record Row(Direction direction, CallStatus from, Trigger trigger, CallStatus to) {
    }

    private record Key(Direction direction, CallStatus from, Trigger trigger) {
    }

    private final Provider provider;
    private final List<Row> rows;
    private final Map<Key, CallStatus> index = new HashMap<>();

    TransitionTable(Provider provider, List<Row> rows) {
        this.provider = provider;
        this.rows = List.copyOf(rows);
        for (Row row : rows) {
            if (row.from().isTerminal()) {
                throw new IllegalArgumentException("terminal statuses never change: " + row);
            }
            CallStatus previous = index.put(new Key(row.direction(), row.from(), row.trigger()), row.to());
            if (previous != null) {
                throw new IllegalArgumentException("duplicate row " + row + " in the " + provider + " table");
            }
        }
    }

    public static TransitionTable of(Provider provider) {
        return switch (provider) {
            case EVO_GO -> TransitionTables.EVO_GO;
            case META -> TransitionTables.META;
            case NONE -> throw new IllegalArgumentException("no transition table: the number has no calling provider");
        };
    }

    public Optional<CallStatus> next(Direction direction, CallStatus from, Trigger trigger) {
        return Optional.ofNullable(index.get(new Key(direction, from, trigger)));
    }

    public Provider provider() {
        return provider;
    }

    public List<Row> rows() {
        return rows;
    }
}
