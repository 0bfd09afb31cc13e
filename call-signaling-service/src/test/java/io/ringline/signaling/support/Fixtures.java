package io.ringline.signaling.support;

import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.AcceptCall;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.NumberRevision;
import io.ringline.schemas.avro.PlaceCall;
import io.ringline.schemas.avro.PreAcceptCall;
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

    /** A fresh META number at the fake Graph API {@code account}. */
    public static NumberContext metaNumber(SecretBox secretBox, FakeMetaGraph graph, FakeMetaGraph.Account account) {
        return NumberContext.newBuilder()
                .setNumberId(Ids.newId("num"))
                .setTenantId("ten_test")
                .setProvider(Provider.META)
                .setPhone("+16315553601")
                .setBaseUrl(graph.baseUrl())
                .setAccountId(account.phoneNumberId())
                .setEncryptedCredentials(secretBox.encrypt("{\"accessToken\":\"" + account.accessToken()
                        + "\",\"appSecret\":\"s3cret\",\"verifyToken\":\"v\"}"))
                .setVersion(1)
                .build();
    }

    /** A revision of the number as the gateway publishes it on the numbers topic. */
    public static NumberRevision revision(NumberContext number, boolean deleted) {
        return NumberRevision.newBuilder().setNumber(number).setDeleted(deleted).setChangedAt(Instant.now()).build();
    }

    /** A Meta change value on {@code meta.calls} / {@code meta.messages}; id derived from content like the gateway's. */
    public static ProviderSignal metaSignal(NumberContext number, String kind, String valueJson) {
        return ProviderSignal.newBuilder()
                .setSignalId(Hashing.sha256Hex(number.getNumberId() + "|" + kind + "|" + valueJson))
                .setReceivedAt(Instant.now())
                .setNumber(number)
                .setKind(kind)
                .setPayloadJson(valueJson)
                .build();
    }

    public static CallCommand placeMeta(NumberContext number, String callId, String to, String sdpOffer) {
        return command(number, callId, new PlaceCall(to, sdpOffer, "order-42"));
    }

    public static CallCommand acceptMeta(NumberContext number, String callId, String sdpAnswer) {
        return command(number, callId, new AcceptCall(sdpAnswer));
    }

    public static CallCommand preAccept(NumberContext number, String callId, String sdpAnswer) {
        return command(number, callId, new PreAcceptCall(sdpAnswer));
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
                .setNumberId(number.getNumberId())
                .setTenantId(number.getTenantId())
                .setNumberVersion(number.getVersion())
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
