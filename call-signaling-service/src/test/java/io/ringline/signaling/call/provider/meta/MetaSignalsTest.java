package io.ringline.signaling.call.provider.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.platform.vocabulary.CallPermissionStatus;
import io.ringline.signaling.call.EndCause;
import io.ringline.signaling.call.EndReason;
import io.ringline.signaling.call.provider.MalformedSignalException;
import io.ringline.signaling.call.provider.ProviderObservation.Answered;
import io.ringline.signaling.call.provider.ProviderObservation.CallReports;
import io.ringline.signaling.call.provider.ProviderObservation.Declined;
import io.ringline.signaling.call.provider.ProviderObservation.Ended;
import io.ringline.signaling.call.provider.ProviderObservation.Offered;
import io.ringline.signaling.call.provider.ProviderObservation.PermissionReplies;
import io.ringline.signaling.call.provider.ProviderObservation.PermissionReply;
import io.ringline.signaling.call.provider.ProviderObservation.RemoteAnswer;
import io.ringline.signaling.call.provider.ProviderObservation.Ringing;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Meta webhook change values → observations (reference/meta-cloud-api-calling.md). */
class MetaSignalsTest {

    private final MetaSignals signals = new MetaSignals(JsonMapper.builder().build());

    private CallReports calls(String value) {
        return (CallReports) signals.interpret("meta.calls", value);
    }

    @Test
    void userInitiatedConnectOffersACallWithMetasSdp() {
        String value = """
                {"messaging_product":"whatsapp","metadata":{"phone_number_id":"PN1"},
                 "calls":[{"id":"wacid.A","to":"16315553601","from":"16315553602","event":"connect",
                           "timestamp":"1671644824","direction":"USER_INITIATED",
                           "session":{"sdp_type":"offer","sdp":"v=0 offer"}}]}""";

        CallReports reports = calls(value);

        assertThat(reports.rawJson()).isEqualTo(value);
        assertThat(reports.firstCallId()).isEqualTo("wacid.A");
        assertThat(reports.items()).containsExactly(
                new Offered("wacid.A", "+16315553602", null, Instant.ofEpochSecond(1671644824L), "v=0 offer"));
    }

    @Test
    void businessInitiatedConnectCarriesMetasAnswer() {
        assertThat(calls("""
                {"calls":[{"id":"wacid.B","event":"connect","direction":"BUSINESS_INITIATED",
                           "session":{"sdp_type":"answer","sdp":"v=0 answer"}}]}""").items())
                .containsExactly(new RemoteAnswer("wacid.B", "v=0 answer"));
    }

    @ParameterizedTest(name = "status {0}")
    @CsvSource({"RINGING", "ACCEPTED", "REJECTED", "ringing", "Accepted"})
    void statusesInOrder(String status) {
        var items = calls("""
                {"statuses":[{"id":"wacid.C","type":"call","status":"%s","recipient_id":"1555"}]}""".formatted(status))
                .items();
        switch (status.toUpperCase()) {
            case "RINGING" -> assertThat(items).containsExactly(new Ringing("wacid.C"));
            case "ACCEPTED" -> assertThat(items).containsExactly(new Answered("wacid.C"));
            default -> assertThat(items).containsExactly(new Declined("wacid.C"));
        }
    }

    @Test
    void callItemsComeBeforeStatusItemsInValueOrder() {
        assertThat(calls("""
                {"calls":[{"id":"wacid.D","event":"connect","direction":"BUSINESS_INITIATED","session":{"sdp":"a"}}],
                 "statuses":[{"id":"wacid.D","type":"call","status":"RINGING"},
                             {"id":"wacid.D","type":"message","status":"delivered"},
                             {"id":"wacid.D","type":"call","status":"ACCEPTED"}]}""").items())
                .containsExactly(new RemoteAnswer("wacid.D", "a"), new Ringing("wacid.D"), new Answered("wacid.D"));
    }

    @ParameterizedTest(name = "terminate {0} {1} duration={2} error={3}")
    @CsvSource({
        // status,   direction,          duration, error code, cause,   reason
        "COMPLETED,  BUSINESS_INITIATED, 56,       ,           TIMEOUT, ",
        "Completed,  USER_INITIATED,     ,         ,           HANGUP,  ",
        "COMPLETED,  BUSINESS_INITIATED, ,         ,           TIMEOUT, ",
        "COMPLETED,  ,                   ,         ,           TIMEOUT, ",
        "FAILED,     BUSINESS_INITIATED, ,         138021,     FAILURE, META_138021",
        "failed,     USER_INITIATED,     30,       138022,     FAILURE, META_138022",
        "FAILED,     BUSINESS_INITIATED, ,         ,           TIMEOUT, ",
        "FAILED,     USER_INITIATED,     ,         ,           HANGUP,  ",
        "FAILED,     BUSINESS_INITIATED, 42,       ,           FAILURE, ",
        "COMPLETED,  BUSINESS_INITIATED, ,         138019,     FAILURE, META_138019",
    })
    void terminate(String status, String direction, Integer duration, Long errorCode, EndCause cause, String reason) {
        String value = """
                {"calls":[{"id":"wacid.E","event":"terminate","status":"%s"%s%s}]%s}""".formatted(status,
                direction == null ? "" : ",\"direction\":\"" + direction + "\"",
                duration == null ? "" : ",\"start_time\":\"1671644824\",\"end_time\":\"1671644880\",\"duration\":"
                        + duration,
                errorCode == null ? "" : ",\"errors\":[{\"code\":" + errorCode + ",\"message\":\"media\"}]");

        assertThat(calls(value).items()).containsExactly(new Ended("wacid.E", cause, duration,
                reason == null ? null : EndReason.valueOf(reason)));
    }

    @Test
    void permissionReplies() {
        var replies = (PermissionReplies) signals.interpret("meta.messages", """
                {"contacts":[{"wa_id":"5511911112222"}],
                 "messages":[
                   {"from":"5511911112222","type":"interactive","interactive":{"type":"call_permission_reply",
                     "call_permission_reply":{"response":"accept","is_permanent":false,"expiration_timestamp":"1768550400"}}},
                   {"from":"5511933334444","type":"interactive","interactive":{"type":"call_permission_reply",
                     "call_permission_reply":{"response":"accept","is_permanent":true}}},
                   {"from":"5511955556666","type":"interactive","interactive":{"type":"call_permission_reply",
                     "call_permission_reply":{"response":"reject"}}},
                   {"from":"5511977778888","type":"text","text":{"body":"hi"}}]}""");

        // Meta's own values, as GET …/call_permissions answers them; the expiry of a temporary grant.
        assertThat(replies.replies()).containsExactly(
                new PermissionReply("+5511911112222", CallPermissionStatus.TEMPORARY, java.time.Instant.ofEpochSecond(1768550400)),
                new PermissionReply("+5511933334444", CallPermissionStatus.PERMANENT, null),
                new PermissionReply("+5511955556666", CallPermissionStatus.NO_PERMISSION, null));
    }

    @Test
    void aCallsChangeInMetasEnvelopeIsReadAndKeptWholeForTheRawEvent() {
        String envelope = """
                {"object":"whatsapp_business_account","entry":[{"id":"waba-1","changes":[{"field":"calls","value":                {"calls":[{"id":"wacid.ENV","event":"terminate","status":"COMPLETED","direction":"USER_INITIATED"}]}}]}]}""";
        var reports = (CallReports) signals.interpret("meta.calls", envelope);
        assertThat(reports.rawJson()).isEqualTo(envelope);
        assertThat(reports.items()).extracting(item -> item.externalCallId()).containsExactly("wacid.ENV");
    }

    @Test
    void malformedValuesArePoison() {
        assertThatThrownBy(() -> signals.interpret("meta.calls", "not json"))
                .isInstanceOf(MalformedSignalException.class);
        assertThatThrownBy(() -> signals.interpret("meta.calls", "[1]"))
                .isInstanceOf(MalformedSignalException.class);
        assertThatThrownBy(() -> signals.interpret("meta.calls", "{\"calls\":[{\"event\":\"terminate\"}]}"))
                .isInstanceOf(MalformedSignalException.class);
        assertThatThrownBy(() -> signals.interpret("meta.calls",
                "{\"calls\":[{\"id\":\"w\",\"event\":\"connect\",\"direction\":\"USER_INITIATED\"}]}"))
                .isInstanceOf(MalformedSignalException.class);
    }
}
