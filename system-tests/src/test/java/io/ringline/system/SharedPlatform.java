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
            // Real timers, shortened so unanswered and missed calls end within seconds instead of a minute.
            stack = DevStack.start(DevStackOptions.ephemeral()
                    .withProperty("provider-sandbox", "sandbox.no-answer-timeout", "4s")
                    .withProperty("call-signaling-service", "ringline.signaling.accept-window", "8s")
                    .withProperty("call-signaling-service", "ringline.signaling.sweep-interval", "500ms"));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "system-tests-platform-stop"));
        }
        return stack;
    }
}
