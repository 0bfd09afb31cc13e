package io.ringline.signaling.call.application;

import io.ringline.platform.vocabulary.GoConnectionState;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.provider.evogo.EvoGoInstanceStatus;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.NumberConnections;
import io.ringline.signaling.number.Provider;
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
        return connections.record(number.numberId(), GoConnectionState.CLOSE, clock.instant());
    }

    /** What the gate says of a number: go ahead, refuse, or not known until GO is asked. */
    sealed interface Verdict {

        record Open() implements Verdict {
        }

        record Refused(CommandError error) implements Verdict {
        }

        /** Never reported nor asked: only GO can tell. */
        record Unknown() implements Verdict {
        }
    }

    private static final Verdict OPEN = new Verdict.Open();
    private static final Verdict REFUSED = new Verdict.Refused(NOT_CONNECTED);

    /** From what is known, with one read and never asking GO. */
    Mono<Verdict> known(NumberAccount number) {
        if (number.provider() != Provider.EVO_GO) {
            return Mono.just(OPEN);
        }
        return connections.find(number.numberId())
                .map(connection -> connection.isClosed() ? REFUSED : OPEN)
                .defaultIfEmpty(new Verdict.Unknown());
    }

    /** Asks GO for a state never seen, and remembers the answer; a GO that cannot tell lets the request go ahead. */
    Mono<Verdict> asked(NumberAccount number) {
        return instances.state(number)
                .flatMap(state -> connections.record(number.numberId(), state, clock.instant()).thenReturn(state))
                .map(state -> state == GoConnectionState.CLOSE ? REFUSED : OPEN)
                .defaultIfEmpty(OPEN);
    }
}
