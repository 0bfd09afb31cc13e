package io.ringline.gateway.web;

import io.ringline.platform.web.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Value rules shared by several endpoints. */
public final class Validation {

    /** E.164: '+', a non-zero country digit, 8 to 15 digits in all. */
    public static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");

    private Validation() {
    }

    public static String e164(String field, String value) {
        if (value == null || !E164.matcher(value).matches()) {
            throw ApiException.invalid(field, "must be an E.164 phone number like +5511999999999");
        }
        return value;
    }

    /** An absolute http(s) URL with a host; trailing slashes are dropped so paths can be appended. */
    public static URI httpUrl(String field, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ApiException.invalid(field, "must be an absolute http(s) URL");
        }
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null || uri.getHost().isBlank() || uri.getRawUserInfo() != null) {
            throw ApiException.invalid(field, "must be an absolute http(s) URL");
        }
        return uri;
    }

    public static URI httpBaseUrl(String field, String value) {
        URI uri = httpUrl(field, value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ApiException.invalid(field, "must not have a query or fragment");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}
