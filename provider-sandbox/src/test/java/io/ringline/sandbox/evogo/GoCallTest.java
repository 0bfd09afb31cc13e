package io.ringline.sandbox.evogo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import io.ringline.sandbox.evogo.GoCallRefusedException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The GO call transition table, row by row. */
class GoCallTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String USER = "5511988887777";

    /** A trigger applied to a call, named for the test report. */
    record Trigger(String name, BiFunction<GoCall, Instant, List<GoSignal>> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Trigger ANSWER = new Trigger("business answers", GoCall::answerByBusiness);
    static final Trigger REJECT = new Trigger("business rejects", (call, at) -> call.rejectByBusiness(at, USER));
    static final Trigger HANG_UP = new Trigger("business hangs up", GoCall::hangUpByBusiness);
    static final Trigger USER_ANSWERS = new Trigger("user answers", GoCall::userAnswers);
    static final Trigger USER_REJECTS = new Trigger("user rejects", GoCall::userRejects);
    static final Trigger USER_HANGS_UP = new Trigger("user hangs up", GoCall::userHangsUp);
    static final Trigger TIMEOUT = new Trigger("times out", GoCall::timeOut);

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of(GoDirection.INCOMING, GoCallState.RINGING, ANSWER, GoCallState.ACTIVE,
                        List.of("CallAccept")),
                Arguments.of(GoDirection.INCOMING, GoCallState.RINGING, REJECT, GoCallState.ENDED,
                        List.of("CallReject", "CallTerminate")),
                Arguments.of(GoDirection.INCOMING, GoCallState.RINGING, HANG_UP, GoCallState.ENDED,
                        List.of("CallTerminate")),
                Arguments.of(GoDirection.INCOMING, GoCallState.RINGING, USER_HANGS_UP, GoCallState.ENDED,
                        List.of("CallTerminate")),
                Arguments.of(GoDirection.INCOMING, GoCallState.RINGING, TIMEOUT, GoCallState.ENDED,
                        List.of("CallTerminate")),
                Arguments.of(GoDirection.INCOMING, GoCallState.RINGING, USER_ANSWERS, GoCallState.RINGING, List.of()),
                Arguments.of(GoDirection.INCOMING, GoCallState.ACTIVE, USER_HANGS_UP, GoCallState.ENDED,
                        List.of("CallTerminate")),
                Arguments.of(GoDirection.INCOMING, GoCallState.ACTIVE, TIMEOUT, GoCallState.ACTIVE, List.of()),
                Arguments.of(GoDirection.OUTGOING, GoCallState.RINGING, USER_ANSWERS, GoCallState.ACTIVE,
                        List.of("CallAccept")),
                Arguments.of(GoDirection.OUTGOING, GoCallState.RINGING, USER_REJECTS, GoCallState.ENDED,
                        List.of("CallReject", "CallTerminate")),
                Arguments.of(GoDirection.OUTGOING, GoCallState.RINGING, USER_HANGS_UP, GoCallState.ENDED,
                        List.of("CallReject", "CallTerminate")),
                Arguments.of(GoDirection.OUTGOING, GoCallState.RINGING, HANG_UP, GoCallState.ENDED,
                        List.of("CallTerminate")),
                Arguments.of(GoDirection.OUTGOING, GoCallState.RINGING, TIMEOUT, GoCallState.ENDED,
                        List.of("CallTerminate")),
                Arguments.of(GoDirection.OUTGOING, GoCallState.ACTIVE, HANG_UP, GoCallState.ENDED,
                        List.of("CallTerminate")),
                Arguments.of(GoDirection.OUTGOING, GoCallState.ACTIVE, USER_ANSWERS, GoCallState.ACTIVE, List.of()),
                Arguments.of(GoDirection.OUTGOING, GoCallState.ENDED, USER_HANGS_UP, GoCallState.ENDED, List.of()),
                Arguments.of(GoDirection.OUTGOING, GoCallState.ENDED, TIMEOUT, GoCallState.ENDED, List.of()));
    }

    @ParameterizedTest(name = "{0} {1} + {2} -> {3}")
    @MethodSource("transitions")
    void transition(GoDirection direction, GoCallState from, Trigger trigger, GoCallState to, List<String> events) {
        GoCall call = callIn(direction, from);

        List<GoSignal> signals = trigger.apply().apply(call, T0.plusSeconds(10));

        assertThat(call.state()).isEqualTo(to);
        assertThat(signals).extracting(GoSignal::event).containsExactlyElementsOf(events);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(GoDirection.OUTGOING, GoCallState.RINGING, ANSWER, Kind.WRONG_CALL),
                Arguments.of(GoDirection.OUTGOING, GoCallState.RINGING, REJECT, Kind.WRONG_CALL),
                Arguments.of(GoDirection.INCOMING, GoCallState.ACTIVE, ANSWER, Kind.WRONG_STATE),
                Arguments.of(GoDirection.INCOMING, GoCallState.ENDED, REJECT, Kind.WRONG_STATE),
                Arguments.of(GoDirection.INCOMING, GoCallState.ENDED, HANG_UP, Kind.WRONG_STATE));
    }

    @ParameterizedTest(name = "{0} {1} + {2} -> refused ({3})")
    @MethodSource("refusals")
    void refusal(GoDirection direction, GoCallState from, Trigger trigger, Kind kind) {
        GoCall call = callIn(direction, from);

        assertThatThrownBy(() -> trigger.apply().apply(call, T0.plusSeconds(10)))
                .isInstanceOfSatisfying(GoCallRefusedException.class, e -> assertThat(e.kind()).isEqualTo(kind));
        assertThat(call.state()).isEqualTo(from);
    }

    @Test
    void terminateCarriesTheAnsweredDurationRounded() {
        GoCall call = callIn(GoDirection.OUTGOING, GoCallState.RINGING);
        call.userAnswers(T0.plusSeconds(2));

        var signals = call.userHangsUp(T0.plusMillis(2_000 + 61_600));

        assertThat(signals.getFirst()).isEqualTo(new GoSignal.Terminated(T0.plusMillis(63_600), "hangup", 62));
    }

    @Test
    void rejectNeedsTheCallsCreator() {
        GoCall call = callIn(GoDirection.INCOMING, GoCallState.RINGING);

        assertThatThrownBy(() -> call.rejectByBusiness(T0, "5511000000000"))
                .isInstanceOf(GoCallRefusedException.class);
        assertThat(call.rejectByBusiness(T0, USER + "@s.whatsapp.net")).hasSize(2);
    }

    private static GoCall callIn(GoDirection direction, GoCallState state) {
        GoCall call = direction == GoDirection.INCOMING
                ? GoCall.incoming("ID", "inst", "5511900000000", USER, T0)
                : GoCall.outgoing("ID", "inst", "5511900000000", USER, T0);
        switch (state) {
            case RINGING -> {
            }
            case ACTIVE -> {
                if (direction == GoDirection.INCOMING) {
                    call.answerByBusiness(T0.plusSeconds(1));
                } else {
                    call.userAnswers(T0.plusSeconds(1));
                }
            }
            case ENDED -> call.timeOut(T0.plusSeconds(1));
        }
        return call;
    }
}
