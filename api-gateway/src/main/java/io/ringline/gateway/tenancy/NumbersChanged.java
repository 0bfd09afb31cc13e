package io.ringline.gateway.tenancy;

/**
 * Published (in-process) once a number was registered, changed or deleted on this instance, so caches of this
 * instance that remember numbers forget them at once (other instances notice within their cache's time to live).
 */
public record NumbersChanged(String numberId) {
}
