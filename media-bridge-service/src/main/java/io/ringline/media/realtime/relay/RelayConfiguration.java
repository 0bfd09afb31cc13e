package io.ringline.media.realtime.relay;

import io.netty.channel.ChannelOption;
import io.ringline.media.config.AddressGuard;
import io.ringline.media.config.MediaProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/** The relay's infrastructure: the client of GO's realtime streams and the {@link Pacer} on its own thread. */
@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

    @Bean
    WebSocketClient goRealtimeClient(AddressGuard guard, MediaProperties props, RealtimeLimits limits) {
        return upstreamClient(guard, props.providerTimeout(), limits.maxFrameBytes());
    }

    /**
     * The client for GO's realtime stream: its URL came from the tenant's GO, so it connects through the address
     * guard (refused destinations get no connection; the session ends "upstream unavailable", 1011).
     */
    static WebSocketClient upstreamClient(AddressGuard guard, Duration connectTimeout, int maxFrameBytes) {
        // Evolution GO's frames are capped like the client's: the tenant's GO server is no more trusted.
        return new ReactorNettyWebSocketClient(guard.apply(HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())),
                () -> WebsocketClientSpec.builder().maxFramePayloadLength(maxFrameBytes));
    }

    /** The pacer's one thread, a daemon: it parks while no session is open and ends when the context closes. */
    @Bean(destroyMethod = "close")
    Pacer realtimePacer() {
        Pacer pacer = new Pacer();
        Thread.ofPlatform().name("realtime-pacer").daemon().start(pacer::run);
        return pacer;
    }
}
