package io.ringline.examples.sdk;

import io.ringline.sdk.ApiClient;
import io.ringline.sdk.ApiException;
import io.ringline.sdk.api.CallsApi;
import io.ringline.sdk.api.WebhooksApi;
import io.ringline.sdk.model.Call;
import io.ringline.sdk.model.PlaceCallRequest;
import io.ringline.sdk.model.PlacedCall;
import io.ringline.sdk.model.Webhook;
import io.ringline.sdk.model.WebhookEventName;
import io.ringline.sdk.model.WebhookRequest;
import java.net.URI;
import java.util.List;

/**
 * Places a call, reads it, lists the number's calls and subscribes a webhook with the Java SDK generated from
 * Ringline's OpenAPI document (openapi-generator, library {@code native}). The README shows its middle dozen lines.
 */
public final class PlaceCall {

    /** What the example did, for whoever runs it. */
    public record Outcome(PlacedCall placed, Call call, List<Call> listed, Webhook webhook) {
    }

    private PlaceCall() {
    }

    public static Outcome run(String baseUrl, String numberKey, String webhookUrl) throws ApiException {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setRequestInterceptor(request -> request.header("x-api-key", numberKey));
        CallsApi calls = new CallsApi(client);

        PlacedCall placed = calls.placeCall(new PlaceCallRequest().to("+5511988887777"), null);
        Call call = calls.getCall(placed.getId(), null);
        List<Call> listed = calls.listCalls(10, null, null, null).getCalls();
        Webhook webhook = new WebhooksApi(client).createWebhook(
                new WebhookRequest().url(URI.create(webhookUrl)).events(List.of(WebhookEventName.CALL_ENDED)), null);
        return new Outcome(placed, call, listed, webhook);
    }

    public static void main(String[] args) throws ApiException {
        Outcome outcome = run(System.getenv("RINGLINE_URL"), System.getenv("RINGLINE_API_KEY"),
                System.getenv("WEBHOOK_URL"));
        System.out.println(outcome);
    }
}
