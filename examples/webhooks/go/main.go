// A Ringline webhook endpoint in Go: every delivery is verified with the Standard Webhooks library
// (go get github.com/standard-webhooks/standard-webhooks/libraries) before it is trusted.
// RINGLINE_WEBHOOK_SECRET = the whsec_… secret, PORT.
package main

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

func main() {
	webhook, err := standardwebhooks.NewWebhook(os.Getenv("RINGLINE_WEBHOOK_SECRET"))
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body) // the raw body, before any parsing
		if err := webhook.Verify(body, r.Header); err != nil { // signature (any of them) and timestamp
			log.Printf("rejected: %v", err)
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		var event struct{ Event string `json:"event"` }
		_ = json.Unmarshal(body, &event)
		log.Printf("verified %s %s", event.Event, r.Header.Get("webhook-id")) // deduplicate on webhook-id
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":"+envOr("PORT", "3000"), nil))
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}
