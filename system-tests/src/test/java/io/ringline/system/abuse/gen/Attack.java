package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Route;

/** One family of hostile requests: it turns the owner's plausible draft into a request that must fail. */
interface Attack {

    /** The report's category. */
    String category();

    boolean appliesTo(Route route);

    /** Adds at least one fault to the draft (or makes it a harmless read) and sets its kind. */
    void shape(Draft draft, Ctx ctx);
}
