package io.ringline.gateway.calls.signaling;

import io.ringline.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/** The one answer for a call that does not exist or belongs to another number: indistinguishable on purpose. */
public final class CallNotFound {

    private CallNotFound() {
    }

    public static ApiException exception() {
        return new ApiException(HttpStatus.NOT_FOUND, "CALL_NOT_FOUND", "Call not found");
    }
}
