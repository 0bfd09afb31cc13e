package io.ringline.sandbox.support;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The fixture the provider tests share: the sandbox's web client, a control-API client on top of it and a
 * fresh webhook receiver per test (closed afterwards). Subclasses stay annotated with {@link SandboxTest}
 * and provision their provider's instance or number on top of this.
 */
public abstract class SandboxTestSupport {

    protected static final Duration DEADLINE = Duration.ofSeconds(5);

    @Autowired
    protected WebTestClient client;

    protected SandboxClient sandbox;
    protected ProviderWebhookRecorder receiver;

    @BeforeEach
    void startReceiver() {
        sandbox = new SandboxClient(client);
        receiver = new ProviderWebhookRecorder();
    }

    @AfterEach
    protected void tearDown() {
        receiver.close();
    }
}
