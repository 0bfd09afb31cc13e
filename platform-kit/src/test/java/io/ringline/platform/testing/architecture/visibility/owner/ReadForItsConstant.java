package io.ringline.platform.testing.architecture.visibility.owner;

/** Fixture of {@code VisibilityRulesTest}: another package reads only its constant, which javac copies there. */
public final class ReadForItsConstant {

    public static final String NAME = "fixture";

    private ReadForItsConstant() {
    }
}
