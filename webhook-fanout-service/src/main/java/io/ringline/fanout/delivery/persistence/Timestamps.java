package io.ringline.fanout.delivery.persistence;

import java.time.Instant;

/**
 * Instants inside array parameters ({@code unnest} of many rows): the driver has no {@code timestamptz[]} codec, so
 * they travel as ISO-8601 text and the statement casts them back; null stays null.
 */
final class Timestamps {

    private Timestamps() {
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
