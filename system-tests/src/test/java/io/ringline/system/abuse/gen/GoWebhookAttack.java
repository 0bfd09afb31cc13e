package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /webhooks/evolution-go} from someone who is not the victim's GO server: no, wrong or the other
 * tenant's instance token, tokens swapped between instance names, non-string tokens, and the right token in a
 * body that does not parse. Every body terminates an unknown call, which would be parked if ever accepted.
 */
final class GoWebhookAttack implements Attack {

    @Override
    public String category() {
        return "ingress";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.auth() == Auth.GO_WEBHOOK_TOKEN;
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        ObjectNode body = (ObjectNode) d.bodyTree;
        d.fault("token:invalid");
        switch (ctx.nextInt(7)) {
            case 0 -> {
                body.remove("instanceToken");
                d.kind = "ingress:go-no-token";
            }
            case 1 -> {
                body.put("instanceToken", ctx.attacker().evoGo().goInstanceToken());
                d.kind = "ingress:go-other-tenants-token";
            }
            case 2 -> {
                body.put("instanceName", ctx.attacker().evoGo().goInstanceName());
                d.kind = "ingress:go-token-of-another-instance-name";
            }
            case 3 -> {
                body.put("instanceName", "abuse-unknown-" + ctx.nextInt(1000));
                d.kind = "ingress:go-unknown-instance";
            }
            case 4 -> {
                body.set("instanceToken", SchemaBodies.wrongType(SchemaBodies.JSON.createObjectNode().put("type", "string"),
                        ctx.random()));
                d.kind = "ingress:go-token-wrong-type";
            }
            case 5 -> {
                body.put("instanceToken", ctx.victim().tenantKey());
                d.kind = "ingress:go-api-key-as-token";
            }
            default -> {
                String text = new String(SchemaBodies.bytes(body), StandardCharsets.UTF_8);
                d.bodyBytes = text.substring(0, text.length() - 1 - ctx.nextInt(Math.max(1, text.length() / 2)))
                        .getBytes(StandardCharsets.UTF_8);
                d.faults.clear();
                d.fault("body:unparseable");
                d.kind = "ingress:go-valid-token-unparseable";
            }
        }
    }
}
