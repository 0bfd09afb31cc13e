package io.ringline.platform.vocabulary;

import java.util.Locale;

/**
 * Whether a WhatsApp user lets a business call them, as Meta spells it ({@code GET …/call_permissions}, and so
 * {@code GET /v1/calls/permissions} and the {@code call.permission_updated} webhook).
 */
public enum CallPermissionStatus {
    NO_PERMISSION,
    TEMPORARY,
    PERMANENT;

    /** Meta's spelling: {@code no_permission}, {@code temporary}, {@code permanent}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads Meta's spelling in any case (call events written before issue 11 spelt it in upper case).
     *
     * @throws IllegalArgumentException for anything else: Meta defines exactly these three, so another value is a
     *                                  broken message, not a status to pass on to tenants
     */
    public static CallPermissionStatus fromWire(String value) {
        if (value != null) {
            for (CallPermissionStatus status : values()) {
                if (status.name().equalsIgnoreCase(value.strip())) {
                    return status;
                }
            }
        }
        throw new IllegalArgumentException("unknown call permission status: " + value);
    }
}
