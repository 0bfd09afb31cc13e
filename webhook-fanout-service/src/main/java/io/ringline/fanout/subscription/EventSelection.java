package io.ringline.fanout.subscription;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The events a subscription asked for: wire names or {@code "*"} for everything. Empty selects nothing
 * (SPEC §4) — a subscription can exist and stay silent.
 */
public record EventSelection(List<String> names) {

    public static final String ALL = "*";

    public EventSelection {
        names = List.copyOf(names);
    }

    /**
     * @throws IllegalArgumentException naming the first entry that is neither {@code *} nor a known event
     */
    public static EventSelection of(List<String> requested) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String name = requested.get(i);
            if (name == null || !(ALL.equals(name) || EventName.fromWire(name).isPresent())) {
                throw new IllegalArgumentException("[" + i + "] '" + name + "' is not a known event (expected * or one of "
                        + String.join(", ", knownNames()) + ")");
            }
            distinct.add(name);
        }
        return new EventSelection(new ArrayList<>(distinct));
    }

    public boolean includes(EventName event) {
        return names.contains(ALL) || names.contains(event.wire());
    }

    private static List<String> knownNames() {
        List<String> known = new ArrayList<>();
        for (EventName e : EventName.values()) {
            known.add(e.wire());
        }
        return known;
    }
}
