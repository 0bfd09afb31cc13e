package io.ringline.platform.server;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Every Ringline server bounds how long a client may take to send its request ({@link ServerTimeoutProperties});
 * idle time, request-line and header sizes come from {@code ringline-platform-defaults.yml}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(HttpServer.class)
@EnableConfigurationProperties(ServerTimeoutProperties.class)
public class ServerLimitsAutoConfiguration {

    @Bean
    NettyServerCustomizer ringlineServerTimeouts(ServerTimeoutProperties props) {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, RequestDeadlinesHandler.NAME,
                        new RequestDeadlinesHandler(props));
            }
        });
    }
}
