package io.ringline.system.abuse.gen;

import io.ringline.platform.crypto.Hashing;
import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.http.RawRequest.Header;
import java.util.Base64;
import java.util.List;

/**
 * The media bridge's public WebSocket {@code /v1/realtime?token=} with tokens that were never issued (forged,
 * other secrets, injection, huge), broken handshakes, path variants, and plain requests that try to walk
 * from the WebSocket path into the bridge's internal and management routes. No session may ever open.
 */
final class RealtimeAttack implements Attack {

    private static final List<String> BEYOND = List.of("/internal/live-calls", "/actuator/prometheus", "/actuator/env",
            "/internal/realtime-sessions");

    @Override
    public String category() {
        return "ws";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.auth() == Auth.REALTIME_TOKEN;
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        d.credential = Credential.none();
        d.fault("token:invalid");
        String token = token(ctx);
        String path = "/v1/realtime";
        boolean upgrade = true;
        switch (ctx.nextInt(6)) {
            case 0, 1 -> d.kind = "ws:forged-token";
            case 2 -> {
                PathVariants.Variant v = PathVariants.ALL.get(ctx.nextInt(PathVariants.ALL.size() - 5));
                path = v.apply().apply(path);
                d.kind = "ws:path-" + v.name();
            }
            case 3 -> {
                d.kind = "ws:broken-handshake";
                upgrade = false;
                handshake(d, ctx, true);
            }
            case 4 -> {
                String beyond = HostileStrings.pick(BEYOND, ctx.random());
                path = HostileStrings.pick(List.of("/v1/realtime/../.." + beyond, "/v1/realtime/%2e%2e/%2e%2e" + beyond,
                        "/v1/realtime%2f..%2f.." + beyond, "/v1/realtime/..;/.." + beyond, beyond.replaceFirst("/", "/;x/"),
                        beyond.replaceFirst("/([a-z])", "/%61").replace("%61", "%" + Integer.toHexString(beyond.charAt(1)))),
                        ctx.random());
                d.kind = "ws:walk-to-internal-routes";
                upgrade = ctx.random().nextBoolean();
            }
            default -> {
                d.method = HostileStrings.pick(List.of("POST", "PUT", "DELETE", "OPTIONS", "HEAD"), ctx.random());
                d.kind = "ws:other-method";
            }
        }
        if (upgrade) {
            handshake(d, ctx, false);
        }
        d.rawPath = path;
        d.query = ctx.chance(10) ? "token=" + PathEncoding.encode(token) + "&token=" + PathEncoding.encode(token(ctx))
                : ctx.chance(5) ? "" : "token=" + PathEncoding.encode(token);
    }

    private static String token(Ctx ctx) {
        return switch (ctx.nextInt(9)) {
            case 0 -> Hashing.newSecret("rts_");
            case 1 -> "rts_";
            case 2 -> "rts_' OR '1'='1";
            case 3 -> "rts_" + "A".repeat(8000);
            case 4 -> "rts_\u202e\u0000" + HostileStrings.any(ctx.random()).text();
            case 5 -> ctx.victim().evoGo().numberKey();
            case 6 -> ctx.victim().evoGo().goInstanceToken();
            case 7 -> "RTS_" + Hashing.newSecret("").toUpperCase(java.util.Locale.ROOT);
            default -> "%rts_";
        };
    }

    private static void handshake(Draft d, Ctx ctx, boolean broken) {
        byte[] nonce = new byte[16];
        ctx.random().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        if (!broken) {
            d.headers.add(Header.of("Upgrade", "websocket"));
            d.headers.add(Header.of("Connection", "Upgrade"));
            d.headers.add(Header.of("Sec-WebSocket-Key", key));
            d.headers.add(Header.of("Sec-WebSocket-Version", "13"));
            return;
        }
        switch (ctx.nextInt(6)) {
            case 0 -> d.headers.add(Header.of("Sec-WebSocket-Version", "13"));
            case 1 -> {
                d.headers.add(Header.of("Upgrade", "websocket"));
                d.headers.add(Header.of("Connection", "Upgrade"));
                d.headers.add(Header.of("Sec-WebSocket-Version", ctx.random().nextBoolean() ? "8" : "99"));
                d.headers.add(Header.of("Sec-WebSocket-Key", key));
            }
            case 2 -> {
                d.headers.add(Header.of("Upgrade", "websocket"));
                d.headers.add(Header.of("Connection", "Upgrade"));
                d.headers.add(Header.of("Sec-WebSocket-Version", "13"));
            }
            case 3 -> {
                d.headers.add(Header.of("Upgrade", "websocket"));
                d.headers.add(Header.of("Connection", "Upgrade"));
                d.headers.add(Header.of("Sec-WebSocket-Version", "13"));
                d.headers.add(Header.of("Sec-WebSocket-Key", "not base64 !!"));
            }
            case 4 -> {
                d.headers.add(Header.of("Upgrade", "h2c"));
                d.headers.add(Header.of("Connection", "Upgrade"));
            }
            default -> {
                d.headers.add(Header.of("Upgrade", "websocket, websocket"));
                d.headers.add(Header.of("Connection", "keep-alive"));
                d.headers.add(Header.of("Sec-WebSocket-Key", key));
                d.headers.add(Header.of("Sec-WebSocket-Version", "13"));
            }
        }
    }
}
