package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.IllegalTransitionException;
import io.ringline.signaling.call.provider.ProviderObservation.AboutCall;
import io.ringline.signaling.call.provider.ProviderObservation.Answered;
import io.ringline.signaling.call.provider.ProviderObservation.Declined;
import io.ringline.signaling.call.provider.ProviderObservation.Ended;
import io.ringline.signaling.call.provider.ProviderObservation.Offered;
import io.ringline.signaling.call.provider.ProviderObservation.PlayFinished;
import io.ringline.signaling.call.provider.ProviderObservation.RemoteAnswer;
import io.ringline.signaling.call.provider.ProviderObservation.Ringing;
import io.ringline.signaling.number.Provider;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what a provider reported to a known call. Providers repeat themselves and deliver out of
 * order, so a report the call's table does not allow (a ringing after the answer, anything after the
 * end) is a late echo and changes nothing.
 */
final class CallSignals {

    private static final Logger log = LoggerFactory.getLogger(CallSignals.class);

    private CallSignals() {
    }

    static List<CallEvent> apply(Call call, AboutCall report, Instant now) {
        try {
            return switch (report) {
                case Offered offered -> List.of(); // the call exists: a repeated offer
                case Ringing ringing -> call.noteRinging(now);
                case Answered answered -> call.noteAnswered(now);
                case Declined declined -> call.noteDeclined(now);
                case RemoteAnswer remote -> {
                    call.noteRemoteAnswer(remote.sdpAnswer(), now);
                    yield List.of();
                }
                case Ended ended -> call.noteEnded(ended.cause(), ended.durationSeconds(), ended.failureReason(), now);
                // Plays exist on EVO_GO calls only; a report naming another provider's call changes nothing.
                case PlayFinished play -> call.snapshot().number().provider() == Provider.EVO_GO
                        ? call.notePlayFinished(play.playId(), play.outcome(), now)
                        : List.of();
            };
        } catch (IllegalTransitionException late) {
            log.debug("call {} ignores {}: {}", call.id(), report, late.getMessage());
            return List.of();
        }
    }
}
