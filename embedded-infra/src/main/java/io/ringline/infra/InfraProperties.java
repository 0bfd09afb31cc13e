package io.ringline.infra;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a Spring test context at the shared embedded broker and database. */
public final class InfraProperties {

    private InfraProperties() {
    }

    /** Use from a test's {@code @DynamicPropertySource} method. */
    public static void register(DynamicPropertyRegistry registry) {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        infra.environment().forEach((k, v) -> registry.add(k, () -> v));
    }
}
