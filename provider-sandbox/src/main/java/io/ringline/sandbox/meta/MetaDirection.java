package io.ringline.sandbox.meta;

/** Meta's call directions. */
public enum MetaDirection {
    USER_INITIATED,
    BUSINESS_INITIATED
}
