package io.ringline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityOrderTest {

    /** Filters ordered after {@link SecurityOrder#CHAIN} rely on Spring Security's chain having run. */
    @Test
    void theChainOrderIsSpringSecuritysOwn() throws Exception {
        var field = Class.forName("org.springframework.security.config.annotation.web.reactive.WebFluxSecurityConfiguration")
                .getDeclaredField("WEB_FILTER_CHAIN_FILTER_ORDER");
        field.setAccessible(true);
        assertThat(field.getInt(null)).isEqualTo(SecurityOrder.CHAIN);
        assertThat(SecurityOrder.AFTER_CHAIN).isGreaterThan(SecurityOrder.CHAIN);
    }
}
