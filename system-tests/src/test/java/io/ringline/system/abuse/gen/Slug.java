package io.ringline.system.abuse.gen;

import java.util.Locale;

/** Report labels: lower-case words joined by dashes. */
final class Slug {

    private Slug() {
    }

    static String of(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
