package io.ringline.signaling.call.provider;

import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.Provider;
import reactor.core.publisher.Mono;

/**
 * What the signaling service asks of a provider for a call. Implementations speak one provider's
 * API; a refusal or an unreachable provider is a {@link ProviderException} carrying the error the
 * command's sender will see. Timeouts and metrics are applied around them by {@link ProviderGateway}.
 */
public interface CallProvider {

    Provider kind();

    /** Starts an outbound call; emits the provider's id for it. */
    Mono<String> place(NumberAccount number, CallSnapshot call);

    Mono<Void> preAccept(NumberAccount number, CallSnapshot call, String sdpAnswer);

    Mono<Void> accept(NumberAccount number, CallSnapshot call, String sdpAnswer);

    Mono<Void> reject(NumberAccount number, CallSnapshot call);

    Mono<Void> terminate(NumberAccount number, CallSnapshot call);
}
