package io.ringline.system.abuse.gen;

import io.ringline.platform.crypto.Hashing;
import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.http.RawRequest.Header;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /webhooks/meta} from someone who is not Meta: no or forged signatures, the other tenant's app
 * secret over a body naming the victim's number, a valid signature over different bytes, and a valid
 * signature over a body that does not parse. Every body names an unknown call, which the platform would
 * park — a state change — if it ever accepted one.
 */
final class MetaWebhookAttack implements Attack {

    private static final String HEADER = "X-Hub-Signature-256";

    @Override
    public String category() {
        return "ingress";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.auth() == Auth.META_SIGNATURE;
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        d.credential = Credential.none();
        byte[] body = SchemaBodies.bytes(d.bodyTree);
        switch (ctx.nextInt(8)) {
            case 0 -> {
                d.kind = "ingress:meta-unsigned";
                d.fault("signature:invalid");
            }
            case 1 -> {
                d.headers.add(Header.of(HEADER, Drafts.metaSignature(ctx.attacker().meta().metaAppSecret(), body)));
                d.kind = "ingress:meta-other-tenants-secret";
                d.fault("signature:invalid");
            }
            case 2 -> {
                // Names both tenants' numbers, signed with the attacker's secret only.
                ObjectNode envelope = (ObjectNode) d.bodyTree;
                ((ArrayNode) envelope.get("entry")).add(Drafts.metaEnvelope(ctx.attacker().meta(), ctx).get("entry").get(0));
                body = SchemaBodies.bytes(envelope);
                d.headers.add(Header.of(HEADER, Drafts.metaSignature(ctx.attacker().meta().metaAppSecret(), body)));
                d.kind = "ingress:meta-mixed-numbers-one-secret";
                d.fault("signature:invalid");
            }
            case 3 -> {
                String signature = Drafts.metaSignature(ctx.victim().meta().metaAppSecret(), body);
                d.bodyBytes = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
                d.headers.add(Header.of(HEADER, signature));
                d.kind = "ingress:meta-signature-of-other-bytes";
                d.fault("signature:invalid");
            }
            case 4 -> {
                d.bodyBytes = BodyFaults.unparseable(d.bodyTree, ctx.random()).bytes();
                d.headers.add(Header.of(HEADER, Drafts.metaSignature(ctx.victim().meta().metaAppSecret(), d.bodyBytes)));
                d.kind = "ingress:meta-signed-unparseable";
                d.fault("body:unparseable");
            }
            case 5 -> {
                String key = ctx.random().nextBoolean() ? ctx.victim().meta().metaAccessToken() : ctx.victim().meta().metaVerifyToken();
                d.headers.add(Header.of(HEADER, Drafts.metaSignature(key, body)));
                d.kind = "ingress:meta-signed-with-another-credential";
                d.fault("signature:invalid");
            }
            case 6 -> {
                d.headers.add(Header.of(HEADER, Drafts.metaSignature(Hashing.newSecret(""), body)));
                d.headers.add(Header.of(HEADER, "sha256=" + "0".repeat(64)));
                d.kind = "ingress:meta-duplicate-signatures";
                d.fault("signature:invalid");
            }
            default -> {
                Faults.byCredential(d, ctx);
                d.kind = "ingress:meta-forged-signature";
            }
        }
    }
}
