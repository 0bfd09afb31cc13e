package io.ringline.platform.testing.architecture.visibility.owner;

/** Fixture of {@code VisibilityRulesTest}: the only user of {@link UsedHereOnly}, in the same package. */
class LocalUser {
    final UsedHereOnly used = new UsedHereOnly();
}
