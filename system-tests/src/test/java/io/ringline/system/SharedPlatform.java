package io.ringline.system;

import io.ringline.devstack.DevStack;
import io.ringline.devstack.DevStackOptions;
import io.ringline.testsupport.lifecycle.RunScoped;

/**
 * One assembled platform for all system test classes of this JVM: started on first use exactly as
 * {@code ./dev.sh} starts it (on free ports), stopped when the test run ends ({@link RunScoped}). Tests isolate
 * themselves by using their own simulated users (phone numbers) and call ids.
 */
public final class SharedPlatform {

    private static DevStack stack;

    private SharedPlatform() {
    }

    public static synchronized DevStack get() {
        if (stack == null) {
            // Real timers, shortened so unanswered and missed calls end within seconds instead of a minute.
            stack = RunScoped.closeAtEnd(DevStack.start(DevStackOptions.ephemeral()
                    .withProperty("provider-sandbox", "sandbox.no-answer-timeout", "4s")
                    // QR codes of GO pairing are replaced every 3 s instead of 20 s, so a refresh is seen quickly.
                    .withProperty("provider-sandbox", "sandbox.pairing.qr-ttl", "3s")
                    .withProperty("api-gateway", "ringline.gateway.pairing.qr-ttl", "3s")
                    .withProperty("call-signaling-service", "ringline.signaling.accept-window", "8s")
                    .withProperty("call-signaling-service", "ringline.signaling.sweep-interval", "500ms")));
        }
        return stack;
    }
}
