package io.ringline.platform.vocabulary;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether an Evolution GO instance is connected to WhatsApp, as GO spells it in {@code ConnectionUpdate} webhooks and
 * {@code GET /instance/status} ({@code open} / {@code close}).
 */
public enum GoConnectionState {
    OPEN,
    CLOSE;

    /** GO's spelling, also the one stored in the services' connection tables. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * GO's spelling in any case; empty for anything else (a state GO may add, such as {@code connecting}). Each edge
     * decides what an unknown state means there: a signal with one is malformed, a status answer with one tells
     * nothing.
     */
    public static Optional<GoConnectionState> fromWire(String value) {
        if (value != null) {
            for (GoConnectionState state : values()) {
                if (state.name().equalsIgnoreCase(value.strip())) {
                    return Optional.of(state);
                }
            }
        }
        return Optional.empty();
    }
}
