package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.world.NumberLine;
import io.ringline.system.abuse.world.Tenant;
import io.ringline.system.abuse.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Ids to put where a route names a resource: ones the credential owns, ones that exist but are another
 * tenant's or number's, and ones that exist nowhere. The resource is known from the parameter's name.
 */
public final class ResourceIds {

    /** What a path or body parameter names, from its name. */
    public enum Type {
        CALL, NUMBER, API_KEY, WEBHOOK, DELIVERY, TENANT, OTHER;

        public static Type of(String parameter) {
            String p = parameter.toLowerCase(Locale.ROOT);
            if (p.contains("tenant")) {
                return TENANT;
            }
            if (p.contains("call")) {
                return CALL;
            }
            if (p.contains("delivery")) {
                return DELIVERY;
            }
            if (p.contains("webhook")) {
                return WEBHOOK;
            }
            if (p.contains("number")) {
                return NUMBER;
            }
            if (p.contains("key")) {
                return API_KEY;
            }
            return OTHER;
        }
    }

    private final World world;

    public ResourceIds(World world) {
        this.world = world;
    }

    /** Ids the credential may use (empty when it owns none of this type). */
    public List<String> owned(Type type, Credential who) {
        if (!who.valid() || who.tenant() == null) {
            return List.of();
        }
        if (type == Type.TENANT) {
            // Only the operator names tenants; it may name every one of them.
            return who.name().equals("operator") ? List.of(world.a().id(), world.b().id()) : List.of();
        }
        Tenant t = who.tenant();
        NumberLine line = who.line();
        if (line != null) {
            return switch (type) {
                case CALL -> concat(line.callIds(), line.externalCallIds());
                case WEBHOOK -> line.webhookId() == null ? List.of() : List.of(line.webhookId());
                default -> List.of();
            };
        }
        return switch (type) {
            case NUMBER -> List.of(t.meta().id(), t.evoGo().id());
            case API_KEY -> List.of(t.tenantKeyId(), t.meta().numberKeyId(), t.evoGo().numberKeyId(), t.revokedKeyId());
            case WEBHOOK -> List.of(t.webhookId(), t.evoGo().webhookId());
            case DELIVERY -> t.deliveryIds();
            default -> List.of();
        };
    }

    /**
     * Ids that exist but that the credential must not reach: everything of the other tenant and, for a
     * number key, its sibling number's calls and number-scoped subscription.
     */
    public List<String> foreign(Type type, Credential who) {
        Tenant other = world.other(who.tenant());
        List<String> ids = new ArrayList<>(everything(type, other));
        NumberLine line = who.line();
        if (line != null) {
            NumberLine sibling = who.tenant().meta() == line ? who.tenant().evoGo() : who.tenant().meta();
            if (type == Type.CALL) {
                ids.addAll(concat(sibling.callIds(), sibling.externalCallIds()));
            }
            if (type == Type.WEBHOOK && sibling.webhookId() != null) {
                ids.add(sibling.webhookId());
            }
        }
        return ids;
    }

    private static List<String> everything(Type type, Tenant t) {
        return switch (type) {
            case CALL -> concat(concat(t.meta().callIds(), t.meta().externalCallIds()),
                    concat(t.evoGo().callIds(), t.evoGo().externalCallIds()));
            case NUMBER -> List.of(t.meta().id(), t.evoGo().id());
            case API_KEY -> List.of(t.tenantKeyId(), t.meta().numberKeyId(), t.evoGo().numberKeyId(), t.revokedKeyId());
            case WEBHOOK -> List.of(t.webhookId(), t.evoGo().webhookId());
            case DELIVERY -> t.deliveryIds();
            case TENANT, OTHER -> List.of();
        };
    }

    /** A well-formed id of this type that no resource has. */
    public static String missing(Type type, SplittableRandom random) {
        String ulid = ulidLike(random);
        return switch (type) {
            case CALL -> switch (random.nextInt(3)) {
                case 0 -> "call_" + ulid;
                case 1 -> "wacid.HBgM" + ulid;
                default -> "3EB0" + ulid.substring(0, 16);
            };
            case NUMBER -> "num_" + ulid;
            case API_KEY -> "key_" + ulid;
            case WEBHOOK -> "wh_" + ulid;
            case DELIVERY -> "dlv_" + ulid;
            case TENANT -> "ten_" + ulid;
            case OTHER -> "x_" + ulid;
        };
    }

    private static String ulidLike(SplittableRandom random) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder s = new StringBuilder("01J");
        for (int i = 0; i < 23; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
