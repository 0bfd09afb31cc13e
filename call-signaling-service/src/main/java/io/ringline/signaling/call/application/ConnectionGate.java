package io.ringline.signaling.call.application;

import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.Provider;
import io.ringline.signaling.call.provider.evogo.EvoGoInstanceStatus;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.NumberConnections;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refuses to start or answer a call on an EVO_GO number whose instance is known to be disconnected,
 * before anything is stored or sent. An unknown state is asked of GO once and remembered; later
 * {@code ConnectionUpdate} signals keep it current. If GO cannot tell, the request goes ahead (its
 * own answer will say what is wrong).
 */
@Component
class ConnectionGate {

    static final CommandError NOT_CONNECTED = new CommandError(409, "WHATSAPP_INSTANCE_NOT_CONNECTED",
            "The WhatsApp instance of this number is not connected", null);

    private final NumberConnections connections;
    private final EvoGoInstanceStatus instances;
    private final Clock clock;

    ConnectionGate(NumberConnections connections, EvoGoInstanceStatus instances, Clock clock) {
        this.connections = connections;
        this.instances = instances;
        this.clock = clock;
    }

    /** GO refused a request because its instance is not connected: later requests fail fast. */
    Mono<Void> noteNotConnected(NumberAccount number) {
        return connections.record(number.numberId(), "close", clock.instant());
    }

    /**
     * Whether {@link #refusal} would have to ask GO (the number's state was never reported nor asked): such a
     * command is claimed off the Kafka batch, so a GO that hangs holds up nobody else.
     */
    Mono<Boolean> mustAskProvider(NumberAccount number) {
        if (number.provider() != Provider.EVO_GO) {
            return Mono.just(false);
        }
        return connections.find(number.numberId()).hasElement().map(known -> !known);
    }

    /** Emits the refusal, or nothing when the number may go ahead. */
    Mono<CommandError> refusal(NumberAccount number) {
        if (number.provider() != Provider.EVO_GO) {
            return Mono.empty();
        }
        return connections.find(number.numberId())
                .map(NumberConnections.Connection::state)
                .switchIfEmpty(Mono.defer(() -> instances.state(number)
                        .flatMap(state -> connections.record(number.numberId(), state, clock.instant())
                                .thenReturn(state))))
                .filter("close"::equals)
                .map(closed -> NOT_CONNECTED);
    }
}
