package io.ringline.platform.security;

import org.springframework.http.HttpStatus;

/** Why an authenticated caller may not use a route (e.g. {@code 403 NUMBER_SCOPE_NOT_ALLOWED}), as answered. */
public record AccessRefusal(HttpStatus status, String code, String message) {

    public static AccessRefusal forbidden(String code, String message) {
        return new AccessRefusal(HttpStatus.FORBIDDEN, code, message);
    }
}
