package io.ringline.platform.security;

import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;

/** The firewall's refusal of a path that is not in canonical form; answered {@code 400 INVALID_PATH}. */
public class NonCanonicalPathException extends ServerExchangeRejectedException {

    public NonCanonicalPathException(String problem) {
        super("The request path is not in canonical form: it contains " + problem);
    }
}
