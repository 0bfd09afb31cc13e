package io.ringline.media.play;

import io.ringline.platform.net.UrlHosts;
import io.ringline.platform.web.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A media URL a tenant may ask us to fetch: absolute {@code https} with a host; any path (signed URLs without a
 * file extension work: the audio is recognised by its bytes, {@link AudioType}). Plain {@code http} only with the
 * development switch.
 * Loopback/private IP literals and {@code localhost} are refused here (without the development switch); where a
 * name leads is checked at connect time by the network guard.
 */
record MediaUrl(URI uri) {

    static final String FIELD = "mediaUrl";

    /** @throws ApiException 400 INVALID_REQUEST naming {@code mediaUrl} */
    public static MediaUrl parse(String value, boolean allowHttp) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(FIELD, "is required");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw ApiException.invalid(FIELD, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw ApiException.invalid(FIELD, "must be an https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw ApiException.invalid(FIELD, "must name a host and carry no credentials");
        }
        if (!allowHttp && UrlHosts.refusal(uri.getHost()).isPresent()) {
            throw ApiException.invalid(FIELD, "must not point at a local, private or reserved address");
        }
        return new MediaUrl(uri);
    }
}
