package io.ringline.system.abuse.catalog;

/** Which public port a route is served on. */
public enum Service {
    GATEWAY,
    MEDIA
}
