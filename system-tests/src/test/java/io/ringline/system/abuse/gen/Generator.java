package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.world.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Turns a sequence number into one hostile request, deterministically (the campaign's seed and the number
 * are enough to rebuild any request a report mentions). Routes take turns, so each gets its share; the
 * attack is drawn among those that apply to the route.
 */
public final class Generator {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final World world;
    private final List<Route> routes;
    private final long seed;
    private final Principals principals;
    private final ResourceIds ids;
    private final Map<String, Set<String>> methodsByTemplate = new HashMap<>();
    private final Map<Route, List<Attack>> attacksByRoute = new HashMap<>();

    public Generator(World world, List<Route> routes, long seed) {
        this.world = world;
        this.routes = List.copyOf(routes);
        this.seed = seed;
        this.principals = new Principals(world);
        this.ids = new ResourceIds(world);
        List<Attack> attacks = List.of(new CredentialAttack(), new ScopeAttack(), new ForeignResourceAttack(),
                new MissingResourceAttack(), new BodyAttack(), HostileTextAttack.unicode(), HostileTextAttack.injection(),
                new QueryAttack(), new PathAttack(), new HeaderAttack(), new IdempotencyAttack(), new MethodAttack(),
                new MetaWebhookAttack(), new GoWebhookAttack(), new RealtimeAttack(), new HarmlessReadAttack());
        for (Route route : routes) {
            methodsByTemplate.computeIfAbsent(route.template(), t -> new TreeSet<>()).add(route.method());
            List<Attack> applicable = new ArrayList<>(attacks.stream().filter(a -> a.appliesTo(route)).toList());
            if (applicable.isEmpty()) {
                throw new IllegalStateException("no attack applies to " + route.label());
            }
            attacksByRoute.put(route, applicable);
        }
    }

    public List<Route> routes() {
        return routes;
    }

    /** Requests of the opening pass: every route with every path variant, in each of the path attack's modes. */
    public long openingPass() {
        return (long) routes.size() * PathVariants.ALL.size();
    }

    public HostileRequest next(long seq) {
        Route route = routes.get((int) (seq % routes.size()));
        SplittableRandom random = new SplittableRandom(seed + seq * GOLDEN);
        boolean aIsVictim = random.nextBoolean();
        Ctx ctx = new Ctx(world, random, principals, ids, aIsVictim ? world.a() : world.b(),
                aIsVictim ? world.b() : world.a(), methodsByTemplate);
        List<Attack> applicable = attacksByRoute.get(route);
        Attack attack = applicable.get(random.nextInt(applicable.size()));
        if (seq < openingPass() && route.auth() != io.ringline.system.abuse.catalog.Auth.REALTIME_TOKEN) {
            long round = seq / routes.size();
            attack = new PathAttack(PathVariants.ALL.get((int) round),
                    PathAttack.Mode.values()[(int) ((round + seq) % 3)]);
        }
        Draft draft = Drafts.start(route, ctx);
        attack.shape(draft, ctx);
        if (draft.kind == null) {
            draft.kind = attack.category();
        }
        return draft.build(seq);
    }
}
