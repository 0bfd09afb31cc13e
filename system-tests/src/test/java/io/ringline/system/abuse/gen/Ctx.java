package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.world.Tenant;
import io.ringline.system.abuse.world.World;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What an attack may use while shaping one request: the world, this request's own random source, the
 * victim (whose resources the request names) and the attacker (the other tenant).
 */
public record Ctx(World world, SplittableRandom random, Principals principals, ResourceIds ids, Tenant victim,
        Tenant attacker, Map<String, Set<String>> methodsByTemplate) {

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    public Set<String> declaredMethods(Route route) {
        return methodsByTemplate.getOrDefault(route.template(), Set.of(route.method()));
    }
}
