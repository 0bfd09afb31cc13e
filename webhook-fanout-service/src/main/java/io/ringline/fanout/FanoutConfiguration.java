package io.ringline.fanout;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.fanout.config.FanoutProperties;
import io.ringline.fanout.delivery.RetryPolicy;
import io.ringline.fanout.delivery.dispatch.UnsavedAttempt;
import io.ringline.fanout.delivery.http.WebhookClients;
import io.ringline.fanout.delivery.http.WebhookSender;
import io.ringline.fanout.guard.WebhookUrlPolicy;
import io.ringline.fanout.metrics.WebhookMetrics;
import io.ringline.fanout.subscription.DisableReason;
import io.ringline.fanout.subscription.EventName;
import io.ringline.platform.net.ClientPools;
import io.ringline.platform.net.GuardedAddressResolverGroup;
import java.time.Clock;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Infrastructure of the fan-out: the clock, the retry policy, the URL guard, the outbound HTTP client and the
 * meters. It sits beside the application, above the features it wires (docs/architecture.md: no package cycles).
 */
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
        return ClientPools.builder("webhook-fanout")
                .maxConnections(props.delivery().maxInFlight())
                .pendingAcquireMaxCount(-1)
                .build();
    }

    /** Refuses non-public destinations at connect time; closed (with its DNS resolver) with this context. */
    @Bean(destroyMethod = "close")
    GuardedAddressResolverGroup webhookAddressGuard() {
        return GuardedAddressResolverGroup.overSystemDns();
    }

    @Bean
    WebhookSender webhookSender(ConnectionProvider webhookConnections, GuardedAddressResolverGroup webhookAddressGuard,
            WebhookUrlPolicy urlPolicy, FanoutProperties props, Clock clock) {
        FanoutProperties.Delivery d = props.delivery();
        WebClient webClient = WebhookClients.create(webhookConnections, d.timeout(),
                props.allowPrivateNetworks() ? null : webhookAddressGuard);
        return new WebhookSender(webClient, urlPolicy, d.timeout(), (int) d.maxResponseBytes().toBytes(), clock);
    }

    /** Every event name, disable reason and unsaved attempt's reason a dashboard reads exists from start-up at zero. */
    @Bean
    WebhookMetrics webhookMetrics(MeterRegistry registry) {
        return new WebhookMetrics(registry, Stream.of(EventName.values()).map(EventName::wire).toList(),
                Stream.of(DisableReason.values()).map(DisableReason::name).toList(),
                Stream.of(UnsavedAttempt.values()).map(UnsavedAttempt::tag).toList());
    }
}
