package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.http.RawRequest;
import java.util.Set;

/**
 * One request of the campaign and what it may achieve.
 *
 * @param seq            its number in the campaign (with the seed, enough to build it again)
 * @param kind           what it abuses, {@code category:variant}
 * @param faults         why it must be refused (empty only for a harmless read)
 * @param transport      true when the abuse is in the HTTP framing itself, so the server may refuse it
 *                       before any application code runs (or just close the connection)
 */
public record HostileRequest(long seq, Route route, String kind, RawRequest raw, Expect expect, Set<String> faults,
        boolean transport) {

    /** What the platform may answer. */
    public enum Expect {
        /** A read with the owner's own credential: a 2xx is fine, and so is a documented error. */
        HARMLESS_READ,
        /** Carries at least one fault: only a documented error is acceptable, never a 2xx. */
        REFUSED
    }

    public String category() {
        int colon = kind.indexOf(':');
        return colon < 0 ? kind : kind.substring(0, colon);
    }
}
