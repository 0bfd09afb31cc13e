package io.ringline.fanout.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.fanout.subscription.EventName;
import io.ringline.platform.vocabulary.Billing;
import io.ringline.platform.vocabulary.CallPermissionStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The exact JSON tenants receive (SPEC §4): flat, ordered, optional members only when they apply. */
class WebhookPayloadTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant AT = Instant.parse("2026-11-21T10:00:00.123Z");

    static CallEventNotice notice(EventName event, Integer duration, String biz, Billing billing) {
        return notice(event, duration, biz, billing, CallEventNotice.Detail.NONE);
    }

    static CallEventNotice notice(EventName event, CallEventNotice.Detail detail) {
        return notice(event, null, null, null, detail);
    }

    static CallEventNotice notice(EventName event, Integer duration, String biz, Billing billing,
            CallEventNotice.Detail detail) {
        return new CallEventNotice("evt_1", event, AT, 4, "ten_1", "num_1", CallEventNotice.Provider.META,
                new CallEventNotice.CallFacts("call_1", "wacid.1", CallEventNotice.Direction.OUTBOUND,
                        CallEventNotice.Status.COMPLETED, null, "+5511999990000", duration, biz, billing),
                detail);
    }

    @Test
    void anAnsweredCallEndedCarriesDurationBillingAndCallbackData() {
        String json = WebhookPayload.of(notice(EventName.CALL_ENDED, 56, "order-42",
                new Billing(10, 60))).toJson(JSON);
        assertThat(json).isEqualTo("{\"id\":\"evt_1\",\"event\":\"call.ended\",\"createdAt\":\"2026-11-21T10:00:00.123Z\","
                + "\"callId\":\"call_1\",\"externalCallId\":\"wacid.1\",\"provider\":\"META\",\"numberId\":\"num_1\","
                + "\"direction\":\"OUTBOUND\",\"status\":\"COMPLETED\",\"endReason\":null,\"peerNumber\":\"+5511999990000\","
                + "\"duration\":56,\"bizOpaqueCallbackData\":\"order-42\",\"billing\":{\"pulses\":10,\"billableSeconds\":60},"
                + "\"sequence\":4}");
    }

    @Test
    void durationOnlyOnCallEndedAndOptionalMembersLeftOut() {
        String json = WebhookPayload.of(notice(EventName.CALL_CONNECTED, 56, null, null)).toJson(JSON);
        assertThat(json).doesNotContain("duration", "bizOpaqueCallbackData", "billing", "permission", "raw", "data",
                        "playId", "outcome")
                .contains("\"endReason\":null", "\"event\":\"call.connected\"");
    }

    @Test
    void aNoticeCarriesExactlyTheDetailOfItsKindOfEvent() {
        assertThatThrownBy(() -> notice(EventName.CALL_CONNECTED,
                new CallEventNotice.Permission(CallPermissionStatus.PERMANENT, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("call.connected carries None, not Permission");
        assertThatThrownBy(() -> notice(EventName.CALL_PERMISSION_UPDATED, CallEventNotice.Detail.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carries Permission");
        assertThatThrownBy(() -> notice(EventName.CALLS, new CallEventNotice.Play("play_1", "failed")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carries RawEnvelope");
        assertThatThrownBy(() -> notice(EventName.CALL_PLAY_FINISHED, new CallEventNotice.RawEnvelope("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carries Play");
        assertThatThrownBy(() -> new CallEventNotice.CallFacts(null, null, null, CallEventNotice.Status.UNKNOWN, null,
                "", null, null, null)).isInstanceOf(NullPointerException.class).hasMessage("direction");
    }

    @Test
    void permissionUpdatedCarriesTheStatusAsThePermissionsRouteSpellsItAndTheExpiry() {
        String json = WebhookPayload.of(notice(EventName.CALL_PERMISSION_UPDATED,
                new CallEventNotice.Permission(CallPermissionStatus.TEMPORARY, Instant.parse("2026-11-28T10:00:00Z"))))
                .toJson(JSON);
        assertThat(json).contains("\"event\":\"call.permission_updated\"",
                "\"permission\":{\"status\":\"temporary\",\"expirationTime\":\"2026-11-28T10:00:00Z\"}");
        String permanent = WebhookPayload.of(notice(EventName.CALL_PERMISSION_UPDATED,
                new CallEventNotice.Permission(CallPermissionStatus.PERMANENT, null))).toJson(JSON);
        assertThat(permanent).contains("\"permission\":{\"status\":\"permanent\"}");
    }

    @Test
    void theRawCallsEventEmbedsMetasEnvelopeAsReceived() {
        String envelope = "{\"object\": \"whatsapp_business_account\", \"entry\": [{\"id\": \"1\", \"changes\": "
                + "[{\"field\": \"calls\", \"value\": {\"calls\": [{\"id\": \"wacid.1\", \"session\": {\"sdp\": "
                + "\"v=0\\r\\n\"}}]}}]}]}";
        String json = WebhookPayload.of(notice(EventName.CALLS, new CallEventNotice.RawEnvelope(envelope))).toJson(JSON);
        assertThat(json).contains("\"event\":\"calls\"", "\"raw\":" + envelope + ",\"sequence\":4");
    }

    @Test
    void playFinishedCarriesThePlayIdAndOutcome() {
        String json = WebhookPayload.of(notice(EventName.CALL_PLAY_FINISHED,
                new CallEventNotice.Play("play_1", "failed"))).toJson(JSON);
        assertThat(json).contains("\"event\":\"call.play_finished\"", "\"playId\":\"play_1\",\"outcome\":\"failed\"");
    }
}
