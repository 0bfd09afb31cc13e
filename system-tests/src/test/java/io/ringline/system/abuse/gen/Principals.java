package io.ringline.system.abuse.gen;

import io.ringline.platform.crypto.Hashing;
import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.KeyScope;
import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.http.RawRequest.Header;
import io.ringline.system.abuse.world.NumberLine;
import io.ringline.system.abuse.world.Tenant;
import io.ringline.system.abuse.world.World;
import java.util.List;
import java.util.SplittableRandom;

/** The credentials a request can present on a route: the owner's, a wrong scope's, another's, or invalid ones. */
public final class Principals {

    private final World world;

    public Principals(World world) {
        this.world = world;
    }

    /** The right credential of {@code tenant} for the route (a number key picks one of its lines). */
    public Credential owner(Route route, Tenant tenant, SplittableRandom random) {
        return switch (route.auth()) {
            case API_KEY -> switch (route.scope()) {
                case TENANT, UNKNOWN -> tenantKey(tenant);
                case NUMBER -> numberKey(random.nextBoolean() ? tenant.meta() : tenant.evoGo());
                case EITHER -> random.nextInt(10) < 7 ? tenantKey(tenant) : numberKey(tenant.evoGo());
            };
            case OPERATOR -> new Credential("operator", List.of(Header.of("x-operator-token", world.operatorToken())),
                    tenant, null, true);
            case GO_INSTANCE -> goInstance(tenant.evoGo());
            default -> Credential.none();
        };
    }

    public Credential tenantKey(Tenant tenant) {
        return new Credential("tenant key", List.of(Header.of("x-api-key", tenant.tenantKey())), tenant, null, true);
    }

    public Credential numberKey(NumberLine line) {
        Tenant tenant = world.tenants().stream().filter(t -> t.numbers().contains(line)).findFirst().orElseThrow();
        return new Credential(line.provider() + " number key", List.of(Header.of("x-api-key", line.numberKey())), tenant,
                line, true);
    }

    public Credential goInstance(NumberLine line) {
        Tenant tenant = world.tenants().stream().filter(t -> t.numbers().contains(line)).findFirst().orElseThrow();
        return new Credential("GO instance token", List.of(Header.of("apikey", line.goInstanceToken())), tenant, line,
                true);
    }

    /** A valid key of the scope the route refuses, of the same tenant; null when the route takes either scope. */
    public Credential wrongScope(Route route, Tenant tenant, SplittableRandom random) {
        if (route.auth() != Auth.API_KEY) {
            return null;
        }
        return switch (route.scope()) {
            case TENANT -> numberKey(random.nextBoolean() ? tenant.meta() : tenant.evoGo());
            case NUMBER -> tenantKey(tenant);
            case EITHER, UNKNOWN -> null;
        };
    }

    /** A credential that must authenticate no one on this route. */
    public Credential invalid(Route route, Tenant victim, SplittableRandom random) {
        String header = switch (route.auth()) {
            case API_KEY -> "x-api-key";
            case OPERATOR -> "x-operator-token";
            case GO_INSTANCE -> "apikey";
            default -> "x-api-key";
        };
        String valid = switch (route.auth()) {
            case OPERATOR -> world.operatorToken();
            case GO_INSTANCE -> victim.evoGo().goInstanceToken();
            default -> victim.tenantKey();
        };
        return switch (random.nextInt(16)) {
            case 0 -> Credential.none();
            case 1 -> Credential.invalid("empty", Header.of(header, ""));
            case 2 -> Credential.invalid("blank", Header.of(header, "   \t "));
            case 3 -> Credential.invalid("random well-formed", Header.of(header, Hashing.newSecret("rl_")));
            case 4 -> Credential.invalid("revoked key", Header.of(header, victim.revokedKey()));
            case 5 -> Credential.invalid("one character changed", Header.of(header, flipLast(valid)));
            case 6 -> Credential.invalid("prefix of the real one", Header.of(header, valid.substring(0, valid.length() / 2)));
            case 7 -> Credential.invalid("real one twice", Header.of(header, valid + valid));
            case 8 -> Credential.invalid("upper-cased", Header.of(header, upper(valid)));
            case 9 -> Credential.invalid("bearer scheme", Header.of(header, "Bearer " + flipLast(valid)));
            case 10 -> Credential.invalid("other header name", Header.of(header.equals("apikey") ? "api_key" : header.replace('-', '_'), valid),
                    Header.of("Authorization", "Bearer " + valid));
            case 11, 12, 13 -> {
                String[] foreign = foreignSecrets(route, victim);
                yield Credential.invalid("another credential kind's secret", Header.of(header,
                        foreign[random.nextInt(foreign.length)]));
            }
            case 14 -> Credential.invalid("Meta access token", Header.of(header, victim.meta().metaAccessToken()));
            default -> Credential.invalid("sql in key", Header.of(header, "' OR '1'='1"));
        };
    }

    /** Valid secrets of the credential kinds this route does not take. */
    private String[] foreignSecrets(Route route, Tenant victim) {
        return switch (route.auth()) {
            case OPERATOR -> new String[] {victim.tenantKey(), victim.evoGo().goInstanceToken(), victim.meta().numberKey()};
            case GO_INSTANCE -> new String[] {victim.tenantKey(), victim.evoGo().numberKey(), world.operatorToken()};
            default -> new String[] {world.operatorToken(), victim.evoGo().goInstanceToken(), victim.meta().metaAppSecret()};
        };
    }

    private static String flipLast(String value) {
        char last = value.charAt(value.length() - 1);
        return value.substring(0, value.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static String upper(String value) {
        String upper = value.toUpperCase(java.util.Locale.ROOT);
        return upper.equals(value) ? value.toLowerCase(java.util.Locale.ROOT) : upper;
    }

    static boolean isKeyScoped(Route route) {
        return route.auth() == Auth.API_KEY && route.scope() != KeyScope.UNKNOWN;
    }
}
