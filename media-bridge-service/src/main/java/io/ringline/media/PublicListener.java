package io.ringline.media;

import io.ringline.media.config.MediaProperties;
import io.ringline.platform.security.ListenerPorts;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.stereotype.Component;

/**
 * The second listener of {@code ringline.media.public-port}: the same application (same HttpHandler, so the same
 * security chain, firewall and handlers) on a port a deployment publishes, where the chain allows only the realtime
 * WebSocket; the service port with {@code /internal/**} stays on the internal network. Configured like the main
 * server (Spring Boot's server settings and Netty customizers). Unset: one port for everything (dev stack, tests).
 */
@Component
class PublicListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublicListener.class);

    private final Integer port;
    private final HttpHandler httpHandler;
    private final ListenerPorts listeners;
    private final ListableBeanFactory beans;
    private final ObjectProvider<NettyServerCustomizer> nettyCustomizers;
    private final ObjectProvider<ReactorResourceFactory> resources;
    private volatile WebServer server;

    PublicListener(MediaProperties props, HttpHandler httpHandler, ListenerPorts listeners, ListableBeanFactory beans,
            ObjectProvider<NettyServerCustomizer> nettyCustomizers, ObjectProvider<ReactorResourceFactory> resources) {
        this.port = props.publicPort();
        this.httpHandler = httpHandler;
        this.listeners = listeners;
        this.beans = beans;
        this.nettyCustomizers = nettyCustomizers;
        this.resources = resources;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void start() {
        if (port == null) {
            return;
        }
        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
        List<WebServerFactoryCustomizer<?>> customizers = (List) List.copyOf(
                beans.getBeansOfType(WebServerFactoryCustomizer.class, false, false).values());
        LambdaSafe.callbacks(WebServerFactoryCustomizer.class, customizers, factory)
                .invoke(customizer -> customizer.customize(factory));
        factory.setServerCustomizers(nettyCustomizers.orderedStream().toList());
        resources.ifAvailable(factory::setResourceFactory);
        factory.setPort(port);
        WebServer started = factory.getWebServer(httpHandler);
        started.start();
        server = started;
        listeners.register(ListenerPorts.PUBLIC, started.getPort());
        log.info("public realtime listener on port {} (only {} and {} are served there)", started.getPort(),
                MediaSecurity.REALTIME, MediaSecurity.GO_REALTIME);
    }

    @Override
    public void stop() {
        WebServer running = server;
        server = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Starts and stops with the main web server. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE;
    }
}
