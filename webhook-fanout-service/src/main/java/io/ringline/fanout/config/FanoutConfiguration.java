package io.ringline.fanout.config;

import io.netty.channel.ChannelOption;
import io.ringline.fanout.delivery.RetryPolicy;
import io.ringline.fanout.delivery.http.WebhookSender;
import io.ringline.fanout.guard.GuardedAddressResolverGroup;
import io.ringline.fanout.guard.WebhookUrlPolicy;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Infrastructure of the fan-out: the clock, the retry policy, the URL guard and the outbound HTTP client. */
@Configuration(proxyBeanMethods = false)
class FanoutConfiguration {

    /** Injected wherever time matters, so tests and replays can control it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RetryPolicy retryPolicy(FanoutProperties props) {
        FanoutProperties.Delivery d = props.delivery();
        return new RetryPolicy(d.retrySchedule(), d.jitter(), d.maxRetryAfter());
    }

    @Bean
    WebhookUrlPolicy webhookUrlPolicy(FanoutProperties props) {
        return new WebhookUrlPolicy(props.allowPrivateNetworks());
    }

    /** Our own pool (disposed with this context), so the dev stack's other services do not share or close it. */
    @Bean(destroyMethod = "dispose")
    ConnectionProvider webhookConnections(FanoutProperties props) {
        return ConnectionProvider.builder("webhook-fanout")
                .maxConnections(props.delivery().maxInFlight())
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(30))
                .evictInBackground(Duration.ofSeconds(30))
                .build();
    }

    @Bean
    WebhookSender webhookSender(ConnectionProvider webhookConnections, WebhookUrlPolicy urlPolicy,
            FanoutProperties props, Clock clock) {
        FanoutProperties.Delivery d = props.delivery();
        HttpClient http = HttpClient.create(webhookConnections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) d.timeout().toMillis())
                .responseTimeout(d.timeout())
                .followRedirect(false)
                .compress(false);
        if (!props.allowPrivateNetworks()) {
            http = http.resolver(new GuardedAddressResolverGroup(HttpClient.create().configuration().resolver()));
        }
        WebClient webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        return new WebhookSender(webClient, urlPolicy, d.timeout(), (int) d.maxResponseBytes().toBytes(), clock);
    }
}
