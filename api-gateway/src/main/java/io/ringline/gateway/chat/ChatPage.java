package io.ringline.gateway.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The softphone page at {@code /chat} (and {@code /chat/}): its files are static resources under
 * {@code static/chat/}, served by WebFlux's resource handling; only the directory URL needs a route to the page.
 */
@Configuration(proxyBeanMethods = false)
class ChatPage {

    private static final Resource INDEX = new ClassPathResource("static/chat/index.html");

    @Bean
    RouterFunction<ServerResponse> chatPageRoute() {
        return RouterFunctions.route()
                .GET("/chat", request -> page())
                .GET("/chat/", request -> page())
                .build();
    }

    private static Mono<ServerResponse> page() {
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(INDEX);
    }
}
