package io.ringline.sandbox.evogo.api;

import org.springframework.http.HttpStatus;

/** A GO API request answered with an error status and {@code {error}}. */
class GoApiException extends RuntimeException {

    private final HttpStatus status;

    GoApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
