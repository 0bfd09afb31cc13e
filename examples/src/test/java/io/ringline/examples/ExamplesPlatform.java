package io.ringline.examples;

import io.ringline.devstack.DevStack;
import io.ringline.devstack.DevStackOptions;
import io.ringline.testsupport.lifecycle.RunScoped;

/**
 * One assembled platform for the examples' tests in this JVM, started exactly as {@code ./dev.sh} starts it (on
 * free ports, seeded with the demo tenant), stopped when the test run ends ({@link RunScoped}).
 */
public final class ExamplesPlatform {

    private static DevStack stack;

    private ExamplesPlatform() {
    }

    public static synchronized DevStack get() {
        if (stack == null) {
            stack = RunScoped.closeAtEnd(DevStack.start(DevStackOptions.ephemeral()));
        }
        return stack;
    }
}
