package io.ringline.platform.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many failed authentications from this source or with this key prefix: try again after {@link #retryAfter()}. */
public class AuthenticationThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public AuthenticationThrottledException(Duration retryAfter) {
        super("too many failed authentications");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
