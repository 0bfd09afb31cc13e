package io.ringline.platform.security;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * The ports this service listens on, by listener: {@value #SERVER} (the service port), {@value #MANAGEMENT}
 * (a separate actuator port, when {@code management.server.port} is set) and any extra listener a service
 * registers (the media bridge's {@value #PUBLIC} realtime port). Rules can then depend on which listener a
 * request arrived on, e.g. actuator beyond health only on the unpublished management port.
 */
public final class ListenerPorts implements ApplicationListener<WebServerInitializedEvent> {

    public static final String SERVER = "server";
    public static final String MANAGEMENT = "management";
    public static final String PUBLIC = "public";

    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        String namespace = event.getApplicationContext().getServerNamespace();
        register(namespace == null ? SERVER : namespace, event.getWebServer().getPort());
    }

    public void register(String listener, int port) {
        ports.put(listener, port);
    }

    public OptionalInt port(String listener) {
        Integer port = ports.get(listener);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** Matches requests that arrived on the named listener (never before it is listening). */
    public ServerWebExchangeMatcher on(String listener) {
        return exchange -> {
            InetSocketAddress local = exchange.getRequest().getLocalAddress();
            Integer port = ports.get(listener);
            return port != null && local != null && local.getPort() == port
                    ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }
}
