package io.ringline.sandbox.meta.media;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * SDP text edits between the native peer and the wire. Outgoing: the shape Meta's media side shows (ICE-lite,
 * candidates inline, so no trickle option). Incoming: the business's candidates reduced to addresses of this host,
 * so the simulated phone never sends ICE checks anywhere else.
 */
final class WhatsAppSdp {

    private static final String CRLF = "\r\n";

    private WhatsAppSdp() {
    }

    /** The peer's own description as Meta would show it. */
    static String outgoing(String sdp) {
        StringBuilder out = new StringBuilder(sdp.length() + 16);
        for (String line : sdp.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("a=ice-options:")) {
                continue;
            }
            out.append(line).append(CRLF);
            if (line.startsWith("t=")) {
                out.append("a=ice-lite").append(CRLF);
            }
        }
        return out.toString();
    }

    /** The business's description with only the candidates whose address belongs to this host. */
    static String localCandidatesOnly(String sdp, Set<InetAddress> local) {
        StringBuilder out = new StringBuilder(sdp.length());
        for (String line : sdp.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("a=candidate:") && !isLocal(line, local)) {
                continue;
            }
            out.append(line).append(CRLF);
        }
        return out.toString();
    }

    private static boolean isLocal(String candidateLine, Set<InetAddress> local) {
        // a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> …
        String[] fields = candidateLine.split(" ");
        if (fields.length < 8) {
            return false;
        }
        String address = fields[4];
        if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // an mDNS name (….local) or anything else that would need a lookup
        }
        try {
            InetAddress parsed = InetAddress.getByName(address); // a literal: no DNS lookup
            return parsed.isLoopbackAddress() || local.contains(parsed);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The addresses of this host's interfaces. */
    static Set<InetAddress> hostAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                nic.getInterfaceAddresses().forEach(a -> addresses.add(a.getAddress()));
            }
        } catch (SocketException e) {
            // Without the interface list only loopback candidates remain usable.
        }
        return Set.copyOf(addresses);
    }
}
