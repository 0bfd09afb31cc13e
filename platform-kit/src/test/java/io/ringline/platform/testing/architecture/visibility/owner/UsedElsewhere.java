package io.ringline.platform.testing.architecture.visibility.owner;

/** Fixture of {@code VisibilityRulesTest}: public, and a class of another package holds one. */
public class UsedElsewhere {
}
