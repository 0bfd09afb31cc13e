package io.ringline.system;

import io.ringline.devstack.DevStack;
import io.ringline.devstack.DevStackOptions;

/**
 * One assembled platform for all system test classes of this JVM: started on first use exactly as
 * {@code ./dev.sh} starts it (on free ports), stopped when the JVM exits. Tests isolate themselves by
 * using their own simulated users (phone numbers) and call ids.
 */
public final class SharedPlatform {

    private static DevStack stack;

    private SharedPlatform() {
    }

    public static synchronized DevStack get() {
        if (stack == null) {
            stack = DevStack.start(DevStackOptions.ephemeral());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "system-tests-platform-stop"));
        }
        return stack;
    }
}
