package io.ringline.media.play;

import io.ringline.platform.net.UrlHosts;
import io.ringline.platform.web.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * A media URL a tenant may ask us to fetch: absolute {@code https} with a host and an audio file extension
 * ({@code .mp3 .wav .ogg .opus}) on its path. Plain {@code http} only with the development switch.
 * Loopback/private IP literals and {@code localhost} are refused here (without the development switch); where a
 * name leads is checked at connect time by the network guard.
 */
public record MediaUrl(URI uri) {

    static final String FIELD = "mediaUrl";
    private static final Set<String> EXTENSIONS = Set.of("mp3", "wav", "ogg", "opus");

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
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        int dot = path.lastIndexOf('.');
        String extension = dot < 0 || path.lastIndexOf('/') > dot ? "" : path.substring(dot + 1);
        if (!EXTENSIONS.contains(extension)) {
            throw ApiException.invalid(FIELD, "must point to an .mp3, .wav, .ogg or .opus file");
        }
        return new MediaUrl(uri);
    }
}
