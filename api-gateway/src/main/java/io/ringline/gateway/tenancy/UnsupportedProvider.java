package io.ringline.gateway.tenancy;

import io.ringline.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/** The one answer for a number whose provider kind this version cannot serve (SPEC §1). */
public final class UnsupportedProvider {

    public static final String MESSAGE = "Calling is only supported for Meta Cloud API and Evolution GO numbers.";

    private UnsupportedProvider() {
    }

    public static ApiException error() {
        return new ApiException(HttpStatus.BAD_REQUEST, "FEATURE_NOT_SUPPORTED", MESSAGE);
    }
}
