# A Ringline webhook endpoint in Python: every delivery is verified with the Standard Webhooks library
# (pip install standardwebhooks) before it is trusted. RINGLINE_WEBHOOK_SECRET = the whsec_… secret, PORT.
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

from standardwebhooks.webhooks import Webhook

webhook = Webhook(os.environ["RINGLINE_WEBHOOK_SECRET"])


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))  # the raw body, before any parsing
        try:
            event = webhook.verify(body, dict(self.headers))  # signature (any of them) and timestamp
            print(f"verified {event['event']} {self.headers['webhook-id']}", flush=True)  # dedupe on webhook-id
            self.send_response(204)
        except Exception as e:
            print(f"rejected: {e}", flush=True)
            self.send_response(400)
        self.end_headers()


HTTPServer(("", int(os.environ.get("PORT", "3000"))), Receiver).serve_forever()
