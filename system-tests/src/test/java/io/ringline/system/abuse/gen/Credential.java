package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.http.RawRequest.Header;
import io.ringline.system.abuse.world.NumberLine;
import io.ringline.system.abuse.world.Tenant;
import java.util.List;

/**
 * What a request presents to authenticate and who that makes it: the headers, the tenant and number
 * acting (null when the credential is no one's), and whether the platform should accept it at all.
 */
public record Credential(String name, List<Header> headers, Tenant tenant, NumberLine line, boolean valid) {

    public static Credential none() {
        return new Credential("none", List.of(), null, null, false);
    }

    public static Credential invalid(String name, Header... headers) {
        return new Credential(name, List.of(headers), null, null, false);
    }

    public boolean isTenantKey() {
        return valid && tenant != null && line == null;
    }
}
