package io.ringline.platform.testing.architecture.visibility.owner;

/** Fixture of {@code VisibilityRulesTest}: another package uses only the type nested in it. */
public class UsedThroughItsNestedType {

    /** What the other package uses. */
    public record Nested(String value) {
    }
}
