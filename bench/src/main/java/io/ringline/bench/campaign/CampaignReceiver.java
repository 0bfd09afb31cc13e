package io.ringline.bench.campaign;

import io.netty.handler.codec.http.HttpHeaders;
import io.ringline.bench.campaign.AuditInput.Received;
import io.ringline.bench.receiver.LoopbackWebhookReceivers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The campaign's tenant endpoints ({@code /campaign/t<n>}, one subscription to every event per tenant): records
 * every delivery with its {@code webhook-id} for the auditor, answers 200 at once, and hands each webhook to the
 * load (which accepts or rejects user calls when they ring, hangs up business calls, completes probes).
 */
final class CampaignReceiver implements LoopbackWebhookReceivers.Route {

    static final String SEGMENT = "campaign";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One webhook as the load needs it. */
    record Webhook(String event, String callId, String externalCallId, String direction, String status) {
    }

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final LongAdder count = new LongAdder();
    private final Map<String, Boolean> ended = new ConcurrentHashMap<>();
    private volatile Consumer<Webhook> listener = w -> { };

    void listen(Consumer<Webhook> listener) {
        this.listener = listener;
    }

    static String path(int tenant) {
        return "/" + SEGMENT + "/t" + tenant;
    }

    @Override
    public LoopbackWebhookReceivers.Answer handle(String path, HttpHeaders headers, byte[] body, long arrivalNanos) {
        String webhookId = headers.get("webhook-id");
        Webhook webhook;
        try {
            JsonNode node = JSON.readTree(body);
            webhook = new Webhook(text(node, "event"), text(node, "callId"), text(node, "externalCallId"),
                    text(node, "direction"), text(node, "status"));
        } catch (RuntimeException e) {
            webhook = new Webhook(null, null, null, null, null);
        }
        received.add(new Received(path, webhookId, webhook.event(), webhook.callId()));
        count.increment();
        if (webhook.callId() != null && ("call.ended".equals(webhook.event()) || "call.missed".equals(webhook.event()))) {
            ended.put(webhook.callId(), Boolean.TRUE);
        }
        listener.accept(webhook);
        return LoopbackWebhookReceivers.Answer.OK;
    }

    /** Whether the call's {@code call.ended} or {@code call.missed} arrived. */
    boolean ended(String callId) {
        return ended.containsKey(callId);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    long count() {
        return count.sum();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
