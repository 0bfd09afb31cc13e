package io.ringline.signaling.call;

import io.ringline.signaling.number.NumberRef;
import io.ringline.signaling.number.Provider;
import java.time.Instant;

/** Calls in a given state, for domain tests. */
final class Calls {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Calls() {
    }

    static NumberRef number(Provider provider) {
        return new NumberRef("num_1", "ten_1", provider);
    }

    static Call initiatedOutbound(Provider provider) {
        Call call = Call.placeOutbound("call_1", number(provider), "+5511999990000", "crm-42",
                provider == Provider.META ? "v=0 offer" : null, T0);
        call.noteProviderAccepted("ext-1", T0);
        return call;
    }

    static Call ringingOutbound(Provider provider) {
        Call call = initiatedOutbound(provider);
        call.noteRinging(T0.plusSeconds(1));
        return call;
    }

    static Call acceptedOutbound(Provider provider, Instant answeredAt) {
        Call call = ringingOutbound(provider);
        call.noteAnswered(answeredAt);
        return call;
    }

    static Call ringingInbound(Provider provider) {
        return Call.receiveInbound("call_2", number(provider), "ext-2", "+5511988887777",
                "5511988887777@s.whatsapp.net", null, T0, T0).call();
    }

    static Call inState(Direction direction, CallStatus status, Provider provider) {
        Call call = direction == Direction.OUTBOUND ? initiatedOutbound(provider) : ringingInbound(provider);
        switch (status) {
            case INITIATED -> { }
            case RINGING -> {
                if (direction == Direction.OUTBOUND) {
                    call.noteRinging(T0.plusSeconds(1));
                }
            }
            case ACCEPTED -> {
                if (direction == Direction.OUTBOUND) {
                    call.noteAnswered(T0.plusSeconds(2));
                } else {
                    call.answer(null, T0.plusSeconds(2));
                }
            }
            default -> throw new IllegalArgumentException("not a fixture state: " + status);
        }
        return call;
    }
}
