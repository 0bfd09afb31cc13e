package io.ringline.signaling.call.provider.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.signaling.call.provider.MalformedSignalException;
import io.ringline.signaling.call.provider.ProviderObservation.Offered;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A user's Meta connect rebuilt from its parked terminate, and read back as an offer without SDP (issue 9). */
class MetaOffersTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MetaOffers offers = new MetaOffers(json);
    private final MetaSignals signals = new MetaSignals(json);

    private static String envelope(String value) {
        return """
                {"object":"whatsapp_business_account",
                 "entry":[{"id":"WABA","changes":[{"field":"calls","value":%s}]}]}"""
                .formatted(value);
    }

    private static final String MISSED = """
            {"messaging_product":"whatsapp","metadata":{"phone_number_id":"PN"},
             "calls":[{"id":"wacid.U","to":"16315553601","from":"5511977776666","event":"terminate",
                       "direction":"USER_INITIATED","timestamp":"1671644944","status":"FAILED"}]}""";

    @Test
    void theTerminateOfAnUnansweredUserCallGivesItsConnectOfferedWhenItEndedWithoutSdp() {
        String connect = offers.rebuild("wacid.U", "meta.calls", envelope(MISSED)).orElseThrow();

        assertThat(json.readTree(connect).path("event").asString()).isEqualTo("connect");
        assertThat(json.readTree(connect).has("session")).isFalse();
        assertThat(signals.interpret(MetaOffers.KIND, connect)).isEqualTo(
                new Offered("wacid.U", "+5511977776666", null, Instant.ofEpochSecond(1671644944L), null));
        assertThat(offers.rebuild("wacid.U", "meta.calls", envelope(MISSED))).as("deterministic")
                .contains(connect);
    }

    @Test
    void anAnsweredOneIsOfferedAtItsStartTimeAndABareValueIsReadToo() {
        String answered = """
                {"calls":[{"id":"wacid.A","to":"16315553601","from":"+55 11 97777-6666","event":"terminate",
                           "direction":"user_initiated","timestamp":"1671644944","status":"COMPLETED",
                           "start_time":"1671644824","end_time":"1671644944","duration":120}]}""";

        String connect = offers.rebuild("wacid.A", "meta.calls", answered).orElseThrow();

        assertThat(signals.interpret(MetaOffers.KIND, connect)).isEqualTo(
                new Offered("wacid.A", "+5511977776666", null, Instant.ofEpochSecond(1671644824L), null));
    }

    @Test
    void nothingIsRebuiltFromABusinessCallAStatusAnotherCallsItemNoCallerOrAnotherKind() {
        String business = """
                {"calls":[{"id":"wacid.B","to":"5511977776666","from":"16315553601","event":"terminate",
                           "direction":"BUSINESS_INITIATED","status":"COMPLETED"}]}""";
        String status = """
                {"statuses":[{"id":"wacid.S","type":"call","status":"RINGING","recipient_id":"5511977776666"}]}""";
        String noCaller = """
                {"calls":[{"id":"wacid.N","event":"terminate","direction":"USER_INITIATED","status":"FAILED"}]}""";

        assertThat(offers.rebuild("wacid.B", "meta.calls", business)).isEmpty();
        assertThat(offers.rebuild("wacid.S", "meta.calls", status)).isEmpty();
        assertThat(offers.rebuild("wacid.OTHER", "meta.calls", MISSED)).isEmpty();
        assertThat(offers.rebuild("wacid.N", "meta.calls", noCaller)).isEmpty();
        assertThat(offers.rebuild("wacid.U", "meta.messages", MISSED)).isEmpty();
        assertThat(offers.rebuild("wacid.U", "meta.calls", "not json")).isEmpty();
    }

    @Test
    void aRecoveredConnectIsAUserCallsWithoutSession() {
        assertThatThrownBy(() -> signals.interpret(MetaOffers.KIND, """
                {"id":"wacid.X","from":"5511977776666","event":"connect","direction":"BUSINESS_INITIATED"}"""))
                .isInstanceOf(MalformedSignalException.class);
        assertThatThrownBy(() -> signals.interpret(MetaOffers.KIND, """
                {"id":"wacid.X","from":"5511977776666","event":"connect","direction":"USER_INITIATED",
                 "session":{"sdp_type":"offer","sdp":"v=0"}}"""))
                .isInstanceOf(MalformedSignalException.class);
    }
}
