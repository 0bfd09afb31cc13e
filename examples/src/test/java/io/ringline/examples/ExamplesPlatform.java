package io.ringline.examples;

import io.ringline.devstack.DevStack;
import io.ringline.devstack.DevStackOptions;

/**
 * One assembled platform for the examples' tests in this JVM, started exactly as {@code ./dev.sh} starts it (on
 * free ports, seeded with the demo tenant), stopped when the JVM exits.
 */
public final class ExamplesPlatform {

    private static DevStack stack;

    private ExamplesPlatform() {
    }

    public static synchronized DevStack get() {
        if (stack == null) {
            stack = DevStack.start(DevStackOptions.ephemeral());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "examples-platform-stop"));
        }
        return stack;
    }
}
