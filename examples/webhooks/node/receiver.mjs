// A Ringline webhook endpoint in Node: every delivery is verified with the Standard Webhooks library
// (npm install standardwebhooks) before it is trusted. RINGLINE_WEBHOOK_SECRET = the whsec_… secret, PORT.
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const webhook = new Webhook(process.env.RINGLINE_WEBHOOK_SECRET);

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8"); // verify the raw body, before any JSON parsing
    try {
      const event = webhook.verify(body, req.headers); // signature (any of them, during a rotation) and timestamp
      console.log(`verified ${event.event} ${req.headers["webhook-id"]}`); // deduplicate on webhook-id
      res.writeHead(204).end();
    } catch (e) {
      console.log(`rejected: ${e.message}`);
      res.writeHead(400).end();
    }
  });
});
server.listen(Number(process.env.PORT ?? 3000), () => console.log(`listening on ${server.address().port}`));
