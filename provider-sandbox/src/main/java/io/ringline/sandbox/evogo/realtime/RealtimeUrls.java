package io.ringline.sandbox.evogo.realtime;

import java.net.URI;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a realtime session's WebSocket is: under the configured public base URL (keeping its path, for a sandbox
 * mounted behind a proxy), else on the scheme, host and port the session request came in on, so it is right on
 * random ports and in the dev stack.
 */
public final class RealtimeUrls {

    public static final String WS_PATH = "/evogo/{instance}/call/media/realtime/ws";

    private RealtimeUrls() {
    }

    public static String wsUrl(URI publicBaseUrl, URI requestUri, RealtimeGrant grant) {
        UriComponentsBuilder url;
        if (publicBaseUrl != null) {
            url = UriComponentsBuilder.fromUri(publicBaseUrl).path(WS_PATH);
        } else {
            url = UriComponentsBuilder.fromUri(requestUri)
                    .scheme("https".equals(requestUri.getScheme()) ? "wss" : "ws")
                    .replacePath(WS_PATH);
        }
        return url.replaceQuery(null)
                .queryParam("callId", grant.callId())
                .queryParam("token", grant.token())
                .fragment(null)
                .buildAndExpand(grant.instanceName())
                .encode()
                .toUriString();
    }
}
