package io.ringline.devstack;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One running service: its own Spring context and HTTP port. */
public record ServiceInstance(String name, ConfigurableApplicationContext context) {

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String url() {
        return "http://localhost:" + port();
    }
}
