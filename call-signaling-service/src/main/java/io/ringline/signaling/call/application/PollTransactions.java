package io.ringline.signaling.call.application;

import io.ringline.signaling.call.application.SignalService.Observed;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a poll of signals into the transactions that apply it. One transaction per poll saves a commit and a
 * processed-id insert per signal, but runs its statements one after another: a large poll would then take as long as
 * all its round trips added up, which the signals benchmark showed as a lower ceiling than one transaction per
 * signal. So a poll of up to {@value #FEWEST_PER_TRANSACTION} signals is one transaction, and a larger one is shared
 * out over at most {@value #MOST_TRANSACTIONS}, run side by side. A number's signals always share a transaction, in
 * offset order: everything one signal locks (its provider id, its call's row, its number's event sequence) belongs to
 * one number, so two transactions of a poll never wait for each other.
 */
final class PollTransactions {

    static final int FEWEST_PER_TRANSACTION = 8;
    /** Below the connection pool's 10, which commands, timers and the outbox relay share. */
    static final int MOST_TRANSACTIONS = 4;

    private PollTransactions() {
    }

    static List<List<Observed>> split(List<Observed> poll) {
        int count = Math.clamp((poll.size() + FEWEST_PER_TRANSACTION - 1) / FEWEST_PER_TRANSACTION, 1,
                MOST_TRANSACTIONS);
        List<List<Observed>> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            parts.add(new ArrayList<>());
        }
        for (Observed observed : poll) {
            parts.get(Math.floorMod(observed.signal().number().numberId().hashCode(), count)).add(observed);
        }
        parts.removeIf(List::isEmpty);
        return parts;
    }
}
