package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.http.RawRequest;
import io.ringline.system.abuse.http.RawRequest.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Header abuse: repeated, oversized and odd credentials; {@code Content-Type} that lies; {@code Content-Length}
 * that lies or fights {@code Transfer-Encoding}; missing or odd {@code Host}; forwarding and override headers
 * that some stacks trust; hundreds of headers. A credential variant that could still authenticate carries
 * a content fault as well; framing and host variants always carry a credential fault.
 */
final class HeaderAttack implements Attack {

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
            "application/json;;;", "application/vnd.evil+json", "", "*/*", "application/json; charset=\"\u00e9\"",
            "a".repeat(9000));

    @Override
    public String category() {
        return "header";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.auth() != Auth.REALTIME_TOKEN;
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        String header = switch (d.route.auth()) {
            case OPERATOR -> "x-operator-token";
            case GO_INSTANCE -> "apikey";
            default -> "x-api-key";
        };
        String valid = d.credential.headers().isEmpty() ? "" : new String(d.credential.headers().getFirst().value(),
                StandardCharsets.UTF_8);
        boolean keyed = d.route.auth() == Auth.API_KEY || d.route.auth() == Auth.OPERATOR || d.route.auth() == Auth.GO_INSTANCE;
        int variant = ctx.nextInt(keyed ? 18 : 11);
        switch (variant) {
            case 0 -> contentTypeLie(d, ctx);
            case 1 -> {
                d.headers.add(Header.of("Content-Type", "text/plain"));
                d.kind = "header:duplicate-content-type";
                Faults.any(d, ctx);
            }
            case 2 -> framing(d, ctx, HostileStrings.pick(List.of(RawRequest.Framing.DECLARED_LONGER,
                    RawRequest.Framing.DECLARED_SHORTER, RawRequest.Framing.LENGTH_AND_CHUNKED,
                    RawRequest.Framing.CHUNKED), ctx.random()));
            case 3 -> lyingLength(d, ctx);
            case 4 -> host(d, ctx);
            case 5 -> forwarding(d, ctx);
            case 6 -> {
                for (int i = 0; i < 150 + ctx.nextInt(200); i++) {
                    d.headers.add(Header.of("X-Abuse-" + i, "v".repeat(20)));
                }
                d.kind = "header:many-headers";
                d.transport = true;
                Faults.any(d, ctx);
            }
            case 7 -> {
                d.headers.add(Header.of("Expect", "100-continue"));
                d.kind = "header:expect-continue";
                Faults.any(d, ctx);
            }
            case 8 -> {
                d.headers.add(Header.of("Upgrade", "h2c"));
                d.headers.add(Header.of("Connection", "Upgrade, HTTP2-Settings"));
                d.headers.add(Header.of("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"));
                d.kind = "header:upgrade-h2c";
                d.transport = true;
                Faults.any(d, ctx);
            }
            case 9 -> {
                d.headers.add(Header.of("Accept", HostileStrings.pick(List.of("application/xml", "text/html",
                        "*/*;q=0", "application/json;q=0", "\u00ff"), ctx.random())));
                d.kind = "header:odd-accept";
                refuseOrRead(d, ctx);
            }
            case 10 -> {
                d.headers.add(new Header("X-Abuse-Raw", HostileStrings.pick(HostileStrings.INVALID_UTF8, ctx.random()).bytes()));
                d.headers.add(Header.of("User-Agent", HostileStrings.any(ctx.random()).text().replaceAll("[\\r\\n\\x00]", "")));
                d.kind = "header:odd-bytes";
                refuseOrRead(d, ctx);
            }
            case 11 -> {
                d.credential = perhapsOwner(d, "duplicate", Header.of(header, flip(valid)), Header.of(header, valid));
                d.kind = "header:duplicate-credential-wrong-first";
                contentFaultOrRead(d, ctx);
            }
            case 12 -> {
                d.credential = perhapsOwner(d, "duplicate", Header.of(header, valid), Header.of(header, flip(valid)));
                d.kind = "header:duplicate-credential-valid-first";
                contentFaultOrRead(d, ctx);
            }
            case 13 -> {
                d.credential = perhapsOwner(d, "comma-joined", Header.of(header, valid + ", " + flip(valid)));
                d.kind = "header:comma-joined-credentials";
                contentFaultOrRead(d, ctx);
            }
            case 14 -> {
                d.credential = Credential.invalid("oversized", Header.of(header, "rl_" + "A".repeat(
                        ctx.chance(50) ? 9_000 : 70_000)));
                d.fault("credential:invalid");
                d.transport = true;
                d.kind = "header:oversized-credential";
            }
            case 15 -> {
                d.credential = perhapsOwner(d, "padded", Header.of(header, " \t" + valid + " \t"));
                d.kind = "header:padded-credential";
                contentFaultOrRead(d, ctx);
            }
            case 16 -> {
                String name = ctx.random().nextBoolean() ? header.toUpperCase(java.util.Locale.ROOT) : header + " ";
                d.credential = perhapsOwner(d, "odd name", Header.of(name, valid));
                d.kind = name.endsWith(" ") ? "header:space-before-colon" : "header:upper-case-name";
                d.transport = name.endsWith(" ");
                contentFaultOrRead(d, ctx);
            }
            default -> {
                String injected = ctx.random().nextBoolean() ? flip(valid) + "\r\nX-Injected: 1" : flip(valid) + "\r\n folded";
                d.credential = Credential.invalid("crlf", new Header(header, injected.getBytes(StandardCharsets.UTF_8)));
                d.fault("credential:invalid");
                d.transport = true;
                d.kind = injected.contains("folded") ? "header:obs-fold-credential" : "header:crlf-in-credential";
            }
        }
    }

    private static void contentTypeLie(Draft d, Ctx ctx) {
        String type = HostileStrings.pick(CONTENT_TYPES, ctx.random());
        Faults.any(d, ctx);
        d.contentType = type.isEmpty() && ctx.random().nextBoolean() ? null : type;
        if (d.body() == null) {
            d.bodyBytes = "{}".getBytes(StandardCharsets.UTF_8);
        }
        d.kind = "header:content-type-lie";
    }

    private static void framing(Draft d, Ctx ctx, RawRequest.Framing framing) {
        refuseByCredentialFirst(d, ctx);
        if (d.body() == null) {
            d.bodyBytes = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        }
        d.framing = framing;
        d.transport = true;
        d.kind = "header:framing-" + framing.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static void lyingLength(Draft d, Ctx ctx) {
        refuseByCredentialFirst(d, ctx);
        if (d.body() == null) {
            d.bodyBytes = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        }
        String length = HostileStrings.pick(List.of("abc", "-1", "99999999999999999999", "1 2", "0x10", " "), ctx.random());
        d.framing = RawRequest.Framing.AS_GIVEN;
        d.headers.add(Header.of("Content-Length", length));
        if (ctx.random().nextBoolean()) {
            d.headers.add(Header.of("Content-Length", String.valueOf(d.body().length)));
        }
        d.headers.add(Header.of("Connection", "close"));
        d.transport = true;
        d.kind = "header:content-length-invalid";
    }

    private static void host(Draft d, Ctx ctx) {
        refuseByCredentialFirst(d, ctx);
        switch (ctx.nextInt(5)) {
            case 0 -> d.headers.add(Header.of("x-abuse-no-host", "1"));
            case 1 -> {
                d.headers.add(Header.of("Host", "127.0.0.1"));
                d.headers.add(Header.of("Host", "ringline.invalid"));
            }
            case 2 -> d.headers.add(Header.of("Host", "ringline.invalid:99999"));
            case 3 -> d.headers.add(Header.of("Host", "\u0440ingline.invalid"));
            default -> d.headers.add(Header.of("Host", "a".repeat(5000)));
        }
        d.transport = true;
        d.kind = "header:host";
    }

    private static void forwarding(Draft d, Ctx ctx) {
        refuseByCredentialFirst(d, ctx);
        d.headers.add(HostileStrings.pick(List.of(
                Header.of("X-Forwarded-For", "10.0.0.1, 127.0.0.1"),
                Header.of("X-Forwarded-Host", "admin.ringline.invalid"),
                Header.of("X-Forwarded-Prefix", "/admin"),
                Header.of("X-Original-URL", "/admin/tenants"),
                Header.of("X-Rewrite-URL", "/admin/tenants"),
                Header.of("Forwarded", "for=127.0.0.1;host=internal;proto=https"),
                Header.of("X-HTTP-Method-Override", "DELETE"),
                Header.of("X-Real-IP", "127.0.0.1")), ctx.random()));
        d.kind = "header:forwarding";
    }

    /** A credential fault where the route has one (framing lies must not depend on how the body is read). */
    private static void refuseByCredentialFirst(Draft d, Ctx ctx) {
        if (!Faults.byCredential(d, ctx) && !Faults.byContent(d, ctx)) {
            if (!Drafts.isOwnerRead(d, ctx)) {
                throw new IllegalStateException("campaign bug: no fault for " + d.route.label());
            }
            d.expect = HostileRequest.Expect.HARMLESS_READ;
        }
    }

    private static void contentFaultOrRead(Draft d, Ctx ctx) {
        if (!Faults.byContent(d, ctx)) {
            if (Drafts.isOwnerRead(d, ctx)) {
                d.expect = HostileRequest.Expect.HARMLESS_READ;
            } else {
                Faults.byCredential(d, ctx);
            }
        }
    }

    private static void refuseOrRead(Draft d, Ctx ctx) {
        if (Drafts.isOwnerRead(d, ctx) && ctx.random().nextBoolean()) {
            d.expect = HostileRequest.Expect.HARMLESS_READ;
        } else {
            Faults.any(d, ctx);
        }
    }

    /** A credential that still carries the owner's valid secret, so it may authenticate as the owner. */
    private static Credential perhapsOwner(Draft d, String name, Header... headers) {
        return new Credential(name, List.of(headers), d.credential.tenant(), d.credential.line(), d.credential.valid());
    }

    private static String flip(String value) {
        if (value.isEmpty()) {
            return "rl_wrong";
        }
        char last = value.charAt(value.length() - 1);
        return value.substring(0, value.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
