package io.ringline.sandbox.meta;

import io.ringline.sandbox.support.SandboxClient.MetaNumber;
import io.ringline.sandbox.support.SandboxTestSupport;
import org.junit.jupiter.api.BeforeEach;

/** {@link SandboxTestSupport} plus a fresh Meta number whose webhooks go to the test's receiver. */
abstract class MetaTestSupport extends SandboxTestSupport {

    protected MetaNumber number;

    @BeforeEach
    void provisionNumber() {
        number = sandbox.provisionMeta(receiver.url("/webhooks/meta"));
    }
}
