package io.ringline.signaling.call.provider.meta;

import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.Provider;
import io.ringline.signaling.call.provider.CallProvider;
import io.ringline.signaling.call.provider.ProviderException;
import io.ringline.signaling.number.NumberAccount;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Placeholder for the Meta Cloud API adapter (next issue). Its transition table already exists; until
 * the Graph API calls do, every request fails as a provider error rather than pretending to work.
 */
@Component
class MetaCallProvider implements CallProvider {

    @Override
    public Provider kind() {
        return Provider.META;
    }

    @Override
    public Mono<String> place(NumberAccount number, CallSnapshot call) {
        return notImplemented();
    }

    @Override
    public Mono<Void> preAccept(NumberAccount number, CallSnapshot call, String sdpAnswer) {
        return notImplemented();
    }

    @Override
    public Mono<Void> accept(NumberAccount number, CallSnapshot call, String sdpAnswer) {
        return notImplemented();
    }

    @Override
    public Mono<Void> reject(NumberAccount number, CallSnapshot call) {
        return notImplemented();
    }

    @Override
    public Mono<Void> terminate(NumberAccount number, CallSnapshot call) {
        return notImplemented();
    }

    private static <T> Mono<T> notImplemented() {
        return Mono.error(new ProviderException(new CommandError(502, "PROVIDER_ERROR",
                "Calling through the Meta Cloud API is not implemented yet", null)));
    }
}
