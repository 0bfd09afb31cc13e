package io.ringline.sandbox.evogo;

import io.ringline.sandbox.support.SandboxClient.GoInstance;
import io.ringline.sandbox.support.SandboxTestSupport;
import org.junit.jupiter.api.BeforeEach;

/** {@link SandboxTestSupport} plus a fresh, connected GO instance whose webhooks go to the test's receiver. */
abstract class GoTestSupport extends SandboxTestSupport {

    protected GoInstance instance;

    @BeforeEach
    void provisionInstance() {
        instance = sandbox.provisionGo(receiver.url("/webhooks/evolution-go"));
    }
}
