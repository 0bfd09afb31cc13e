package io.ringline.system.abuse.state;

import java.util.Map;

/**
 * The only tables that may change while every request is refused, each with the reason and a condition
 * every added row must meet (SQL over the table's columns). Rows that existed before must stay exactly as
 * they were, and nothing may be deleted. A table not listed here must not change at all.
 */
public final class LegitimateChanges {

    /** Why the table may grow, and the SQL condition each new row must satisfy. */
    public record Allowance(String reason, String rowCondition) {
    }

    public static final Map<String, Allowance> TABLES = Map.of(
            "gateway.idempotency_keys", new Allowance(
                    "docs/api.md: the first answer to an Idempotency-Key (2xx or 4xx) is kept for 24 h and replayed; "
                            + "the campaign's refused POSTs with a key leave their refusal here",
                    "status BETWEEN 400 AND 499"));

    private LegitimateChanges() {
    }
}
