package io.ringline.platform.testing.architecture.visibility.owner;

/** Fixture of {@code VisibilityRulesTest}: an application class nothing in the module uses but the launcher. */
public class Launched {

    public static void main(String[] args) {
        // Nothing to run: the class only has to look like an application to the rule.
    }
}
