package io.ringline.gateway.calls.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringline.gateway.calls.TenantCallAction;
import io.ringline.gateway.tenancy.ProviderKind;
import io.ringline.platform.web.ApiException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CallRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "EVO_GO | {}                                                  | to",
            "EVO_GO | {\"to\":\"+5511\"}                                  | to",
            "EVO_GO | {\"to\":\"+55119888877776666\"}                     | to",
            "EVO_GO | {\"to\":true}                                       | to",
            "EVO_GO | {\"to\":\"+5511988887777\",\"sdp\":\"v=0\"}        | sdp",
            "EVO_GO | {\"to\":\"+5511988887777\",\"sdpType\":\"answer\"}  | sdpType",
            "EVO_GO | {\"to\":\"+5511988887777\",\"x\":null}              | x",
            "META   | {\"to\":\"+5511988887777\"}                         | sdp",
            "META   | {\"to\":\"+5511988887777\",\"sdp\":\" \"}           | sdp",
            "META   | {\"to\":\"+5511988887777\",\"sdp\":\"v=0\",\"sdpType\":\"pranswer\"} | sdpType",
            "META   | {\"to\":\"+5511988887777\",\"sdp\":\"v=0\",\"sdpType\":\"answer\"} | sdpType",
            "META   | {\"to\":\"+5511988887777\",\"sdp\":\"v\"}           | sdp",
            "META   | {\"to\":\"+5511988887777\",\"sdp\":\"o=- 1 1 IN IP4 1.2.3.4\"} | sdp",
            "META   | {\"to\":\"+5511988887777\",\"sdp\":\"v=0\",\"bizOpaqueCallbackData\":{}} | bizOpaqueCallbackData"
    })
    void invalidPlacementsNameTheField(ProviderKind provider, String body, String field) {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> CallRequests.place(Optional.of((ObjectNode) JSON.readTree(body)), provider));

        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.details()).containsEntry("field", field);
    }

    @Test
    void sdpIsLimitedTo64KiB() {
        String sdp = "v=0\r\n" + "a=x\r\n".repeat((64 * 1024 - 5) / 5);
        String atLimit = sdp + "x".repeat(64 * 1024 - sdp.length());
        ObjectNode ok = JSON.createObjectNode().put("sdp", atLimit);
        assertThat(CallRequests.preAccept(Optional.of(ok), ProviderKind.META).sdp()).hasSize(64 * 1024);

        ObjectNode tooLong = JSON.createObjectNode().put("sdp", atLimit + "x");
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> CallRequests.preAccept(Optional.of(tooLong), ProviderKind.META));
        assertThat(e.details()).containsEntry("field", "sdp");
    }

    @Test
    void permissionRequestsNeedAnE164NumberAndAtMostAKilobyteOfText() {
        ObjectNode ok = JSON.createObjectNode().put("to", "+5511988887777").put("text", " Can we call? ");
        assertThat(CallRequests.permissionRequest(Optional.of(ok)))
                .isEqualTo(new CallRequests.PermissionRequest("+5511988887777", "Can we call?"));
        assertThat(CallRequests.permissionRequest(Optional.of(JSON.createObjectNode().put("to", "+5511988887777"))))
                .isEqualTo(new CallRequests.PermissionRequest("+5511988887777", null));
        ObjectNode longText = ok.deepCopy().put("text", "x".repeat(1025));
        assertThat(catchThrowableOfType(ApiException.class,
                () -> CallRequests.permissionRequest(Optional.of(longText))).details()).containsEntry("field", "text");
        assertThat(catchThrowableOfType(ApiException.class,
                () -> CallRequests.permissionRequest(Optional.empty())).details()).containsEntry("field", "body");
    }

    @Test
    void bizOpaqueCallbackDataIsLimitedTo512Characters() {
        ObjectNode ok = JSON.createObjectNode().put("to", "+5511988887777").put("bizOpaqueCallbackData", "x".repeat(512));
        assertThat(CallRequests.place(Optional.of(ok), ProviderKind.EVO_GO).bizOpaqueCallbackData()).hasSize(512);

        ObjectNode tooLong = ok.deepCopy().put("bizOpaqueCallbackData", "x".repeat(513));
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> CallRequests.place(Optional.of(tooLong), ProviderKind.EVO_GO));
        assertThat(e.details()).containsEntry("field", "bizOpaqueCallbackData");
    }

    @Test
    void validPlacementsPerProvider() {
        ObjectNode go = JSON.createObjectNode().put("to", "+5511988887777");
        assertThat(CallRequests.place(Optional.of(go), ProviderKind.EVO_GO))
                .isEqualTo(new TenantCallAction.Place("+5511988887777", null, null));

        ObjectNode meta = go.deepCopy().put("sdp", "v=0").put("sdpType", "offer");
        assertThat(CallRequests.place(Optional.of(meta), ProviderKind.META))
                .isEqualTo(new TenantCallAction.Place("+5511988887777", "v=0", null));
    }

    @Test
    void acceptTakesNoBodyOnEvoGoAndAnAnswerOnMeta() {
        assertThat(CallRequests.accept(Optional.empty(), ProviderKind.EVO_GO)).isEqualTo(new TenantCallAction.Accept(null));
        assertThat(CallRequests.accept(Optional.of(JSON.createObjectNode()), ProviderKind.EVO_GO))
                .isEqualTo(new TenantCallAction.Accept(null));
        assertThat(CallRequests.accept(Optional.of(JSON.createObjectNode().put("sdp", "v=0")), ProviderKind.META))
                .isEqualTo(new TenantCallAction.Accept("v=0"));

        ApiException missing = catchThrowableOfType(ApiException.class,
                () -> CallRequests.accept(Optional.empty(), ProviderKind.META));
        assertThat(missing.details()).containsEntry("field", "sdp");
        ApiException sdpOnGo = catchThrowableOfType(ApiException.class,
                () -> CallRequests.accept(Optional.of(JSON.createObjectNode().put("sdp", "v=0")), ProviderKind.EVO_GO));
        assertThat(sdpOnGo.getMessage()).contains("sdp is not accepted on Evolution GO numbers");
    }

    @Test
    void rejectAndTerminateRefuseAnyField() {
        CallRequests.noBody(Optional.empty());
        CallRequests.noBody(Optional.of(JSON.createObjectNode()));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> CallRequests.noBody(Optional.of(JSON.createObjectNode().put("reason", "busy"))));
        assertThat(e.details()).containsEntry("field", "reason");
    }
}
