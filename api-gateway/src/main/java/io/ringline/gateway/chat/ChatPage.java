package io.ringline.gateway.chat;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The softphone page at {@code /chat} (and {@code /chat/}): its files are static resources under
 * {@code static/chat/} ({@code ChatPageResources}); only the directory URL needs a route to the page. An annotated
 * route rather than a router function, so the route security test can enumerate it.
 */
@RestController
class ChatPage {

    private static final Resource INDEX = new ClassPathResource("static/chat/index.html");

    @GetMapping({"/chat", "/chat/"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .body(INDEX);
    }
}
