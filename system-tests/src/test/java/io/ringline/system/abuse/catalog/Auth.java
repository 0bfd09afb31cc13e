package io.ringline.system.abuse.catalog;

/** How a route authenticates its caller, as the OpenAPI document (or the route's own contract) says. */
public enum Auth {
    /** {@code x-api-key}: a tenant or number key. */
    API_KEY,
    /** {@code x-operator-token}. */
    OPERATOR,
    /** {@code apikey}: the Evolution GO instance token of an EVO_GO number. */
    GO_INSTANCE,
    /** {@code X-Hub-Signature-256} over the raw body with the app secret of every number the body names. */
    META_SIGNATURE,
    /** The GO webhook: {@code instanceName} + {@code instanceToken} inside the JSON body. */
    GO_WEBHOOK_TOKEN,
    /** {@code ?token=} of a single-use realtime session (the media bridge's WebSocket). */
    REALTIME_TOKEN,
    /** Public: anyone may call it. */
    NONE
}
