package io.ringline.platform.testing.architecture.visibility.owner;

/** Fixture of {@code VisibilityRulesTest}: package-private and unused, which the rule does not mind. */
class NotPublic {
}
