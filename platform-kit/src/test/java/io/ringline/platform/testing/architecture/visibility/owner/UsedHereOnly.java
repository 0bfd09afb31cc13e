package io.ringline.platform.testing.architecture.visibility.owner;

/** Fixture of {@code VisibilityRulesTest}: public, but only its own package uses it. */
public class UsedHereOnly {
}
