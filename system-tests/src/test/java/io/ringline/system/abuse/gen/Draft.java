package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.http.RawRequest;
import io.ringline.system.abuse.http.RawRequest.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A request being shaped: starts as what the resource's owner would plausibly send, then an attack adds
 * its fault(s) and its hostility. {@link #build} refuses to produce a request that is neither a harmless
 * read nor faulty, so the campaign can never send a valid state-changing request by accident.
 */
public final class Draft {

    final Route route;
    String method;
    /** Path parameter → id (raw, encoded when the path is rendered). */
    final Map<String, String> pathIds = new LinkedHashMap<>();
    /** When set, the request target's path as sent (already encoded, may be anything). */
    String rawPath;
    /** The query string as sent, without '?'; empty for none. */
    String query = "";
    Credential credential;
    final List<Header> headers = new ArrayList<>();
    JsonNode bodyTree;
    byte[] bodyBytes;
    String contentType;
    RawRequest.Framing framing = RawRequest.Framing.LENGTH;
    String kind;
    final Set<String> faults = new LinkedHashSet<>();
    HostileRequest.Expect expect = HostileRequest.Expect.REFUSED;
    boolean transport;

    Draft(Route route) {
        this.route = route;
        this.method = route.method();
    }

    public Route route() {
        return route;
    }

    void fault(String fault) {
        faults.add(fault);
    }

    /** The path with its ids encoded into the template. */
    String renderedPath() {
        String path = route.template();
        for (Map.Entry<String, String> id : pathIds.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", PathEncoding.segment(id.getValue()));
        }
        return path;
    }

    byte[] body() {
        if (bodyBytes != null) {
            return bodyBytes;
        }
        return bodyTree == null ? null : SchemaBodies.bytes(bodyTree);
    }

    HostileRequest build(long seq) {
        if (expect == HostileRequest.Expect.REFUSED && faults.isEmpty()) {
            throw new IllegalStateException("campaign bug: " + kind + " on " + route.label()
                    + " carries no fault, so it could be a valid request");
        }
        String path = rawPath != null ? rawPath : renderedPath();
        String target = query.isEmpty() ? path : path + "?" + query;
        List<Header> all = new ArrayList<>(credential == null ? List.of() : credential.headers());
        byte[] body = body();
        if (contentType != null && body != null) {
            all.add(Header.of("Content-Type", contentType));
        }
        all.addAll(headers);
        RawRequest raw = new RawRequest(method, target.getBytes(StandardCharsets.UTF_8), all, body, framing);
        return new HostileRequest(seq, route, kind, raw, expect, Set.copyOf(faults), transport || HttpGrammar.breaks(raw));
    }
}
