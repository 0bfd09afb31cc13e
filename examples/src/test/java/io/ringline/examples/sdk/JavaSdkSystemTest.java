package io.ringline.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.devstack.DemoTenant;
import io.ringline.examples.ExamplesPlatform;
import io.ringline.sdk.ApiClient;
import io.ringline.sdk.api.WebhooksApi;
import io.ringline.sdk.model.Call;
import io.ringline.sdk.model.CallStatus;
import io.ringline.sdk.model.Webhook;
import org.junit.jupiter.api.Test;

/**
 * The Java SDK generated from the OpenAPI document (compiled in this build) drives the running platform through the
 * README's example: place a call, read it, list calls, create a webhook.
 */
class JavaSdkSystemTest {

    @Test
    void theExamplePlacesReadsListsAndSubscribesThroughTheGeneratedClient() throws Exception {
        DemoTenant demo = ExamplesPlatform.get().demo();
        String sink = demo.sandboxUrl() + "/sandbox/webhook-sink/sdk-java";

        PlaceCall.Outcome outcome = PlaceCall.run(demo.gatewayUrl(), demo.evoGoNumber().apiKey(), sink);

        assertThat(outcome.placed().getId()).startsWith("call_");
        assertThat(outcome.placed().getStatus()).isNotNull();
        assertThat(outcome.call().getId()).isEqualTo(outcome.placed().getId());
        assertThat(outcome.call().getProvider()).isEqualTo(Call.ProviderEnum.EVO_GO);
        assertThat(outcome.call().getPeerNumber()).isEqualTo("+5511988887777");
        assertThat(outcome.call().getStatus()).isIn((Object[]) CallStatus.values());
        assertThat(outcome.listed()).extracting(Call::getId).contains(outcome.placed().getId());
        assertThat(outcome.webhook().getId()).startsWith("wh_");
        assertThat(outcome.webhook().getSecret()).startsWith("whsec_");
        assertThat(outcome.webhook().getWhatsappNumberIds()).containsExactly(demo.evoGoNumber().id());

        ApiClient tenant = new ApiClient();
        tenant.updateBaseUri(demo.gatewayUrl());
        tenant.setRequestInterceptor(request -> request.header("x-api-key", demo.tenantApiKey()));
        Webhook stored = new WebhooksApi(tenant).getWebhook(outcome.webhook().getId());
        assertThat(stored.getUrl()).isEqualTo(sink);
        assertThat(stored.getSecret()).as("shown only at creation").isNull();
    }
}
