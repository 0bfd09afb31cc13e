package io.ringline.sandbox.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The sandbox started through its real main method (so its own config name applies) on a random port, with
 * timings short enough for tests. Every test uses fresh instances, numbers and users, so the shared context's
 * state never leaks between tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        useMainMethod = SpringBootTest.UseMainMethod.ALWAYS,
        properties = {
                "sandbox.no-answer-timeout=1500ms",
                "sandbox.accept-window=1500ms",
                "sandbox.ringing-delay-min=10ms",
                "sandbox.ringing-delay-max=30ms",
                "sandbox.users.after=50ms",
                "sandbox.users.hang-up-after=300ms",
                "sandbox.webhooks.retry-backoff=100ms",
                "sandbox.webhooks.timeout=2s"
        })
@AutoConfigureWebTestClient
public @interface SandboxTest {
}
