package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.provider.ProviderObservation;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/** A provider's call id on one number: what a poll's signals name calls by, and what its statements take as pairs. */
record ProviderCallId(String numberId, String externalCallId) {

    static ProviderCallId of(Call call) {
        return new ProviderCallId(call.number().numberId(), call.externalCallId());
    }

    /** The ids {@code named} picks from each signal of a number that can call, in the signals' order, once each. */
    static Set<ProviderCallId> namedBy(List<SignalService.Observed> signals,
            Function<ProviderObservation, Stream<String>> named) {
        Set<ProviderCallId> ids = new LinkedHashSet<>();
        for (SignalService.Observed observed : signals) {
            if (observed.signal().number().supportsCalling()) {
                String numberId = observed.signal().number().numberId();
                named.apply(observed.observation()).forEach(id -> ids.add(new ProviderCallId(numberId, id)));
            }
        }
        return ids;
    }

    static List<String> numberIds(Collection<ProviderCallId> ids) {
        return ids.stream().map(ProviderCallId::numberId).toList();
    }

    static List<String> externalCallIds(Collection<ProviderCallId> ids) {
        return ids.stream().map(ProviderCallId::externalCallId).toList();
    }
}
