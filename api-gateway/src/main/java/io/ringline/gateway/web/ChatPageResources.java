package io.ringline.gateway.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * {@code GET /chat/**}: the softphone page's static files (from {@code classpath:/static/chat/}), the gateway's only
 * static content; the platform turns Spring Boot's catch-all {@code /**} resource mapping off, so nothing else under
 * {@code static/} is served.
 */
@Configuration(proxyBeanMethods = false)
class ChatPageResources implements WebFluxConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/chat/**").addResourceLocations("classpath:/static/chat/");
    }
}
