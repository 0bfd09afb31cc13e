package io.ringline.devstack;

import java.util.Map;
import java.util.Set;

/**
 * {@code --instances=<service>=<n>}: the services that may run as several processes without anything in front of
 * them. Their instances share the work through Kafka consumer groups (signaling, fan-out, media bridge) and the
 * database (fan-out claims, outbox relays serialised by an advisory lock); the gateway and the other services
 * keep talking to the first instance's URL, so its HTTP routes are served by instance 1 only. The gateway needs a
 * load balancer to scale and is not offered here.
 */
final class Instances {

    static final Set<String> SCALABLE = Set.of("call-signaling-service", "webhook-fanout-service",
            "media-bridge-service");
    static final int MAX = 4;

    private Instances() {
    }

    /** Adds one {@code <service>=<n>} to {@code into}, refusing unknown services and counts outside 1..MAX. */
    static void parse(String spec, Map<String, Integer> into) {
        int equals = spec.indexOf('=');
        String service = equals < 0 ? spec : spec.substring(0, equals);
        if (!SCALABLE.contains(service)) {
            throw new IllegalArgumentException("--instances: '" + service + "' cannot be scaled here; one of "
                    + SCALABLE.stream().sorted().toList() + "\n" + LaunchArgs.USAGE);
        }
        int count;
        try {
            count = Integer.parseInt(spec.substring(equals + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            count = 0;
        }
        if (equals < 0 || count < 1 || count > MAX) {
            throw new IllegalArgumentException("--instances needs <service>=<n> with n from 1 to " + MAX + ", got '"
                    + spec + "'\n" + LaunchArgs.USAGE);
        }
        into.put(service, count);
    }

    /** The process name of instance {@code index} (1-based): the module's name, then {@code <module>-2}, … */
    static String processName(String module, int index) {
        return index == 1 ? module : module + "-" + index;
    }
}
