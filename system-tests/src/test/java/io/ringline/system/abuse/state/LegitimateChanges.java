package io.ringline.system.abuse.state;

import java.util.Map;

/**
 * The only tables that may change while every request is refused, each with the reason and a condition
 * every added or changed row must meet (SQL over the table's columns); unless the table is a counter, rows that
 * existed before must stay exactly as they were, and nothing may be deleted. A table not listed here must not
 * change at all.
 */
public final class LegitimateChanges {

    /**
     * Why the table may change, the SQL condition every new or changed row must satisfy, and whether rows that
     * were there before may change (a counter) or must stay exactly as they were (a record).
     */
    public record Allowance(String reason, String rowCondition, boolean existingRowsMayChange) {
    }

    public static final Map<String, Allowance> TABLES = Map.of(
            "gateway.idempotency_keys", new Allowance(
                    "docs/api.md: the first answer to an Idempotency-Key (2xx or 4xx) is kept for 24 h and replayed; "
                            + "the campaign's refused POSTs with a key leave their refusal here",
                    "status BETWEEN 400 AND 499", false),
            "gateway.rate_limit_buckets", new Allowance(
                    "the token buckets gateway instances share (per key 'k:…', per tenant 't:…'): every request the "
                            + "rate-limit slice sends with a valid key takes tokens, refused or not",
                    "bucket_key LIKE 'k:%' OR bucket_key LIKE 't:%'", true),
            "gateway.number_connections", new Allowance(
                    "docs/api.md (QR pairing): GET /v1/numbers/{id}/pairing, a read, records the connection state the "
                            + "number's GO instance reports (GET /instance/status), as GO's ConnectionUpdate webhooks do; "
                            + "a newer observation replaces an older one",
                    "state IN ('open', 'close')", true));

    private LegitimateChanges() {
    }
}
