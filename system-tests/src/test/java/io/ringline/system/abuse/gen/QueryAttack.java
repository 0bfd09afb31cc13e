package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;
import java.util.List;

/**
 * Hostile query strings: limits out of range or not numbers, dates and cursors that do not parse or
 * overflow, enum values that are not, repeated and unknown parameters, broken percent-encoding. On an
 * owner's read these are harmless reads (a 2xx or a documented 400); elsewhere they ride on a sure fault.
 */
final class QueryAttack implements Attack {

    private static final List<String> NUMBERS = List.of("-1", "0", "101", "51", "1e3", "abc", "99999999999999999999",
            "1 OR 1=1", "0x10", "+5", " 5", "5.0", "\u0665", "", "%00", "2147483648", "-2147483649", "NaN");
    private static final List<String> DATES = List.of("yesterday", "2025-13-45T99:99:99Z", "+999999999-12-31T23:59:59Z",
            "-000001-01-01T00:00:00Z", "2025-01-01", "1735689600", "2025-01-01T00:00:00+25:00",
            "\uFF12\uFF10\uFF12\uFF15-01-01T00:00:00Z", "2025-01-01T00:00:00.0000000000001Z", "9".repeat(4000),
            "2025-01-01T00:00:00Z'--", "0000-00-00T00:00:00Z");
    private static final List<String> CURSORS = List.of("0", "-1", "99999999999999999999", "abc", "eyJpZCI6MX0=",
            "{\"id\":1}", "1;DROP TABLE fanout.delivery_attempts", "\uFF11", "1e9", "1 ", "01", "9223372036854775808");
    private static final List<String> ENUMS = List.of("completed", "UNKNOWN", "' OR 1=1--", "", "COMPLETED,FAILED",
            "*", "call.*", "%", "null", "INBOUND\u0000", "2", "yes");
    private static final List<String> PHONES = List.of("+1", "abc", "+" + "9".repeat(30), "5511", "+5511 9",
            "%2B%2B", "+\u0665\u0665", "+5511977770000;x", "");
    private static final List<String> RAW = List.of("%zz=1", "a=%", "a=%u0041", "limit[]=1", "__proto__[x]=1",
            "a=1&a=2&a=3", "=", "&&&", "a=" + "b".repeat(6000), "%E0%80%AF=1", "a=%00", "a;b=1");

    @Override
    public String category() {
        return "query";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.auth() != Auth.REALTIME_TOKEN && (route.isRead() || !route.query().isEmpty());
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        List<Route.QueryParam> params = d.route.query();
        if (params.isEmpty() || ctx.chance(20)) {
            String raw = HostileStrings.pick(RAW, ctx.random());
            d.query = d.query.isEmpty() ? raw : d.query + "&" + raw;
            d.kind = "query:malformed-or-unknown";
        } else {
            Route.QueryParam param = params.get(ctx.nextInt(params.size()));
            String kind = kindOf(param);
            String value = switch (kind) {
                case "limit" -> HostileStrings.pick(NUMBERS, ctx.random());
                case "date" -> HostileStrings.pick(DATES, ctx.random());
                case "cursor" -> HostileStrings.pick(CURSORS, ctx.random());
                case "phone" -> HostileStrings.pick(PHONES, ctx.random());
                case "verify-token" -> ctx.chance(50) ? ctx.victim().meta().metaVerifyToken()
                        : ctx.attacker().meta().metaVerifyToken() + "x";
                default -> HostileStrings.pick(ENUMS, ctx.random());
            };
            String pair = PathEncoding.encode(param.name()) + "=" + PathEncoding.encode(value);
            boolean twice = ctx.chance(15);
            d.query = stripParam(d.query, param.name()) + (twice ? pair + "&" + pair : pair);
            if (param.name().equals("hub.verify_token")) {
                d.query += "&hub.mode=subscribe&hub.challenge=" + PathEncoding.encode(HostileStrings.any(ctx.random()).text());
            }
            d.kind = "query:" + kind + (twice ? "-repeated" : "");
        }
        if (Drafts.isOwnerRead(d, ctx)) {
            d.expect = HostileRequest.Expect.HARMLESS_READ;
        } else {
            Faults.any(d, ctx);
        }
    }

    private static String kindOf(Route.QueryParam param) {
        String name = param.name().toLowerCase(java.util.Locale.ROOT);
        String format = param.schema().path("format").asString("");
        if (name.equals("limit") || SchemaBodies.type(param.schema()).equals("integer")) {
            return "limit";
        }
        if (format.equals("date-time")) {
            return "date";
        }
        if (name.equals("before")) {
            return "cursor";
        }
        if (name.equals("to")) {
            return "phone";
        }
        if (name.equals("hub.verify_token")) {
            return "verify-token";
        }
        return "enum";
    }

    private static String stripParam(String query, String name) {
        String kept = String.join("&", java.util.Arrays.stream(query.split("&"))
                .filter(p -> !p.isEmpty() && !p.startsWith(PathEncoding.encode(name) + "=")).toList());
        return kept.isEmpty() ? "" : kept + "&";
    }
}
