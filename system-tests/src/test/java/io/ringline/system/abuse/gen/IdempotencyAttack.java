package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.http.RawRequest.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code Idempotency-Key} abuse on refused POSTs: malformed keys, two keys at once, and a small pool of keys
 * reused across different (and identical) refused requests by concurrent workers — so the store answers
 * {@code 422 IDEMPOTENCY_KEY_REUSED}, replays a stored refusal, or {@code 409 IDEMPOTENCY_KEY_IN_USE}.
 */
final class IdempotencyAttack implements Attack {

    private static final String HEADER = "Idempotency-Key";
    private static final List<String> MALFORMED = List.of("", " ", "a b", "k".repeat(256), "\u043a\u043b\u044e\u0447",
            "tab\tkey", "bell\u0007", "k".repeat(10_000), "' OR 1=1--", "${jndi:ldap://127.0.0.1:1/a}");

    @Override
    public String category() {
        return "idempotency";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.method().equals("POST")
                && (route.auth() == Auth.API_KEY || route.auth() == Auth.GO_INSTANCE || route.auth() == Auth.OPERATOR);
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        int variant = ctx.nextInt(5);
        switch (variant) {
            case 0 -> {
                String key = HostileStrings.pick(MALFORMED, ctx.random());
                d.headers.add(new Header(HEADER, key.getBytes(StandardCharsets.UTF_8)));
                d.transport = key.length() > 8000 || key.chars().anyMatch(c -> c < 0x20 && c != '\t');
                d.kind = "idempotency:malformed-key";
                Faults.any(d, ctx);
            }
            case 1 -> {
                d.headers.add(Header.of(HEADER, "abuse-a-" + ctx.nextInt(1_000_000)));
                d.headers.add(Header.of(HEADER, "abuse-b-" + ctx.nextInt(1_000_000)));
                d.kind = "idempotency:two-keys";
                Faults.any(d, ctx);
            }
            case 2 -> {
                // Same key, different refused requests: the second and later answer 422 (or 409 while the first runs).
                d.headers.add(Header.of(HEADER, "abuse-reuse-" + ctx.nextInt(4)));
                d.kind = "idempotency:reused-key";
                if (!Faults.byContent(d, ctx)) {
                    Faults.byCredential(d, ctx);
                }
            }
            case 3 -> {
                // Same key, byte-identical refused request: the stored refusal is replayed.
                d.headers.add(Header.of(HEADER, "abuse-same-" + Math.abs(d.route.label().hashCode())));
                if (!d.route.pathParams().isEmpty()) {
                    d.route.pathParams().forEach(p -> d.pathIds.put(p, "missing-" + p));
                    d.fault("id:missing");
                } else if (d.route.takesJsonBody()) {
                    d.bodyBytes = "{".getBytes(StandardCharsets.UTF_8);
                    d.fault("body:unparseable");
                } else {
                    Faults.byCredential(d, ctx);
                }
                d.kind = "idempotency:replayed-refusal";
            }
            default -> {
                d.headers.add(Header.of(HEADER, "abuse-" + ctx.nextInt(1_000_000)));
                d.kind = "idempotency:key-on-refused-credential";
                if (!Faults.byCredential(d, ctx)) {
                    Faults.any(d, ctx);
                }
            }
        }
    }
}
