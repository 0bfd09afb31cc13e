package io.ringline.signaling.support;

import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.AcceptCall;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.PlaceCall;
import io.ringline.schemas.avro.Provider;
import io.ringline.schemas.avro.ProviderSignal;
import io.ringline.schemas.avro.RejectCall;
import io.ringline.schemas.avro.TerminateCall;
import java.time.Instant;

/** Commands, signals and numbers as the gateway would produce them. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A fresh EVO_GO number served by {@code go}: every test works on its own number. */
    public static NumberContext evoGoNumber(SecretBox secretBox, FakeEvoGo.Instance go) {
        return NumberContext.newBuilder()
                .setNumberId(Ids.newId("num"))
                .setTenantId("ten_test")
                .setProvider(Provider.EVO_GO)
                .setPhone("+551130000000")
                .setBaseUrl(go.baseUrl())
                .setAccountId("instance-under-test")
                .setEncryptedCredentials(secretBox.encrypt("{\"instanceToken\":\"" + go.token() + "\"}"))
                .setVersion(1)
                .build();
    }

    public static CallCommand place(NumberContext number, String callId, String to) {
        return command(number, callId, new PlaceCall(to, null, "crm-ref-7"));
    }

    public static CallCommand accept(NumberContext number, String callId) {
        return command(number, callId, new AcceptCall(null));
    }

    public static CallCommand reject(NumberContext number, String callId) {
        return command(number, callId, new RejectCall());
    }

    public static CallCommand terminate(NumberContext number, String callId) {
        return command(number, callId, new TerminateCall());
    }

    public static CallCommand command(NumberContext number, String callId, Object action) {
        return CallCommand.newBuilder()
                .setCommandId(Ids.newId("cmd"))
                .setIssuedAt(Instant.now())
                .setNumber(number)
                .setCallId(callId)
                .setAction(action)
                .build();
    }

    /** A GO webhook item; its id is derived from its content, as the gateway does, so duplicates share it. */
    public static ProviderSignal goSignal(NumberContext number, String event, String dataJson) {
        String kind = "evogo." + event;
        return ProviderSignal.newBuilder()
                .setSignalId(Hashing.sha256Hex(number.getNumberId() + "|" + kind + "|" + dataJson))
                .setReceivedAt(Instant.now())
                .setNumber(number)
                .setKind(kind)
                .setPayloadJson(dataJson)
                .build();
    }

    public static String offer(String callId, String phoneDigits) {
        return "{\"CallID\":\"" + callId + "\",\"CallCreator\":\"" + phoneDigits + "@s.whatsapp.net\",\"From\":\""
                + phoneDigits + "@s.whatsapp.net\",\"Timestamp\":" + Instant.now().getEpochSecond() + "}";
    }

    public static String callId(String externalCallId) {
        return "{\"CallID\":\"" + externalCallId + "\"}";
    }

    public static String terminate(String externalCallId, String reason, Integer durationSeconds) {
        return "{\"CallID\":\"" + externalCallId + "\",\"Reason\":\"" + reason + "\""
                + (durationSeconds == null ? "" : ",\"DurationSeconds\":" + durationSeconds) + "}";
    }
}
