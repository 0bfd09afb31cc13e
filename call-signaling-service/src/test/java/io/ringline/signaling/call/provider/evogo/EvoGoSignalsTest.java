package io.ringline.signaling.call.provider.evogo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.platform.vocabulary.GoConnectionState;
import io.ringline.signaling.call.EndCause;
import io.ringline.signaling.call.provider.MalformedSignalException;
import io.ringline.signaling.call.provider.ProviderObservation.Answered;
import io.ringline.signaling.call.provider.ProviderObservation.ConnectionChanged;
import io.ringline.signaling.call.provider.ProviderObservation.Declined;
import io.ringline.signaling.call.provider.ProviderObservation.Ended;
import io.ringline.signaling.call.provider.ProviderObservation.Irrelevant;
import io.ringline.signaling.call.provider.ProviderObservation.Offered;
import io.ringline.signaling.call.provider.ProviderObservation.Ringing;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** Reading GO webhook data objects into provider-neutral observations. */
class EvoGoSignalsTest {

    private final EvoGoSignals signals = new EvoGoSignals(JsonMapper.builder().build());

    @Test
    void anOfferNamesTheCallerInE164() {
        var offer = signals.interpret("evogo.CallOffer", """
                {"CallID":"C1","CallCreator":"5511988887777:12@s.whatsapp.net","From":"5511988887777@s.whatsapp.net",
                 "Timestamp":"2026-03-01T10:00:00Z"}""");

        assertThat(offer).isEqualTo(new Offered("C1", "+5511988887777", "5511988887777:12@s.whatsapp.net",
                Instant.parse("2026-03-01T10:00:00Z"), null));
    }

    @Test
    void anOfferFromALidFallsBackToTheCreatorsPhoneJid() {
        var offer = (Offered) signals.interpret("evogo.CallOffer", """
                {"CallID":"C1","CallCreator":"5511988887777@s.whatsapp.net","From":"123456789@lid","Timestamp":1772359200}""");

        assertThat(offer.peerNumber()).isEqualTo("+5511988887777");
        assertThat(offer.offeredAt()).isEqualTo(Instant.ofEpochSecond(1772359200));
    }

    @Test
    void callEventsNameTheirCall() {
        assertThat(signals.interpret("evogo.CallRinging", "{\"CallID\":\"C1\"}")).isEqualTo(new Ringing("C1"));
        assertThat(signals.interpret("evogo.CallAccept", "{\"callId\":\"C1\"}")).isEqualTo(new Answered("C1"));
        assertThat(signals.interpret("evogo.CallReject", "{\"CallID\":\"C1\"}")).isEqualTo(new Declined("C1"));
        assertThat(signals.interpret("evogo.CallTerminate", "{\"CallID\":\"C1\",\"Reason\":\"hangup\",\"DurationSeconds\":56}"))
                .isEqualTo(new Ended("C1", EndCause.HANGUP, 56));
        assertThat(signals.interpret("evogo.CallTerminate", "{\"CallID\":\"C1\"}"))
                .isEqualTo(new Ended("C1", EndCause.HANGUP, null));
    }

    @ParameterizedTest(name = "reason \"{0}\" → {1}")
    @CsvSource({
        "hangup, HANGUP",
        "'', HANGUP",
        "rejected, DECLINED",
        "Call declined by peer, DECLINED",
        "busy, DECLINED",
        "timeout, TIMEOUT",
        "no_answer, TIMEOUT",
        "connection_lost, FAILURE",
        "internal error, FAILURE",
    })
    void terminateReasonsAreClassified(String reason, EndCause cause) {
        assertThat(EvoGoSignals.cause(reason)).isEqualTo(cause);
    }

    @Test
    void connectionUpdatesAreAboutTheNumber() {
        assertThat(signals.interpret("evogo.ConnectionUpdate", "{\"state\":\"OPEN\"}"))
                .isEqualTo(new ConnectionChanged(GoConnectionState.OPEN));
        assertThat(signals.interpret("evogo.ConnectionUpdate", "{\"State\":\"close\"}"))
                .isEqualTo(new ConnectionChanged(GoConnectionState.CLOSE));
    }

    @Test
    void aConnectionStateGoDoesNotDocumentIsMalformedNotGuessed() {
        assertThatThrownBy(() -> signals.interpret("evogo.ConnectionUpdate", "{\"state\":\"connecting\"}"))
                .isInstanceOf(MalformedSignalException.class)
                .hasMessageContaining("unknown state: connecting");
    }

    @Test
    void otherGoEventsAreIrrelevant() {
        assertThat(signals.interpret("evogo.Message", "{\"id\":\"m1\"}")).isInstanceOf(Irrelevant.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "{\"Reason\":\"x\"}", "{\"CallID\":\"\"}"})
    void unreadablePayloadsAreMalformed(String payload) {
        assertThatThrownBy(() -> signals.interpret("evogo.CallTerminate", payload))
                .isInstanceOf(MalformedSignalException.class);
    }

    @Test
    void anOfferWithoutAPhoneIsMalformed() {
        assertThatThrownBy(() -> signals.interpret("evogo.CallOffer", "{\"CallID\":\"C1\",\"From\":\"1@lid\"}"))
                .isInstanceOf(MalformedSignalException.class);
    }

    @Test
    void aNegativeDurationIsMalformed() {
        assertThatThrownBy(() -> signals.interpret("evogo.CallTerminate", "{\"CallID\":\"C1\",\"DurationSeconds\":-3}"))
                .isInstanceOf(MalformedSignalException.class);
    }
}
