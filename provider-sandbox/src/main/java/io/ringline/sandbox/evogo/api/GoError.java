package io.ringline.sandbox.evogo.api;

/** Evolution GO's error body: {@code {"error": "..."}}. */
record GoError(String error) {
}
