package io.ringline.gateway.calls.signaling;

import java.time.Instant;

/**
 * A validated {@code GET /v1/calls} query.
 *
 * @param before    only calls created strictly before this instant; null for the newest
 * @param status    a public call status, or null for all
 * @param direction INBOUND or OUTBOUND, or null for both
 */
public record CallListQuery(int limit, Instant before, String status, String direction) {
}
