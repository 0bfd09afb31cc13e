// Place a call, read it, list the number's calls and subscribe a webhook with the TypeScript SDK generated from
// Ringline's OpenAPI document (typescript-fetch). RINGLINE_URL, RINGLINE_API_KEY (a number key), WEBHOOK_URL.
import { CallsApi, Configuration, WebhooksApi } from "../target/generated-sources/openapi-typescript";

async function main() {
  const config = new Configuration({ basePath: process.env.RINGLINE_URL, apiKey: process.env.RINGLINE_API_KEY });
  const calls = new CallsApi(config);
  const placed = await calls.placeCall({ placeCallRequest: { to: "+5511988887777" } });
  const call = await calls.getCall({ callId: placed.id });
  const { calls: recent } = await calls.listCalls({ limit: 10 });
  const webhook = await new WebhooksApi(config).createWebhook({
    webhookRequest: { url: process.env.WEBHOOK_URL!, events: ["call.ended"] },
  });
  console.log(JSON.stringify({ placed, call, listed: recent.map((c) => c.id), webhookId: webhook.id }));
}

main().catch((e) => { console.error(e); process.exit(1); });
