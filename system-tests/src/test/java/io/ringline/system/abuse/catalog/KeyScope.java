package io.ringline.system.abuse.catalog;

/** Which API key scope an {@link Auth#API_KEY} route serves (from the route's OpenAPI tag). */
public enum KeyScope {
    TENANT,
    NUMBER,
    EITHER,
    /** A tag the campaign does not know: only faults that hold for any scope are used on it. */
    UNKNOWN
}
