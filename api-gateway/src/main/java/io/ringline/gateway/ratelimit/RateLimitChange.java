package io.ringline.gateway.ratelimit;

import io.ringline.gateway.web.JsonFields;
import io.ringline.platform.web.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * An operator's change to a tenant's limits ({@code PATCH /admin/tenants/{id}} {@code rateLimits}): a field
 * left out stays as it is, a number sets it, {@code null} returns it to the configured default.
 */
public record RateLimitChange(Field<Double> tenantPerSecond, Field<Integer> tenantBurst, Field<Double> keyPerSecond,
        Field<Integer> keyBurst) {

    /** One field of the change: {@code changed == false} leaves it; a null value means "the default". */
    public record Field<T>(boolean changed, T value) {

        static <T> Field<T> unchanged() {
            return new Field<>(false, null);
        }
    }

    static final String TENANT_PER_SECOND = "tenantPerSecond";
    static final String TENANT_BURST = "tenantBurst";
    static final String KEY_PER_SECOND = "keyPerSecond";
    static final String KEY_BURST = "keyBurst";

    /** @throws ApiException 400 INVALID_REQUEST naming the field (e.g. {@code rateLimits.keyBurst}) */
    public static RateLimitChange parse(JsonFields rateLimits) {
        rateLimits.onlyFields(TENANT_PER_SECOND, TENANT_BURST, KEY_PER_SECOND, KEY_BURST);
        return new RateLimitChange(perSecond(rateLimits, TENANT_PER_SECOND), burst(rateLimits, TENANT_BURST),
                perSecond(rateLimits, KEY_PER_SECOND), burst(rateLimits, KEY_BURST));
    }

    private static Field<Double> perSecond(JsonFields fields, String name) {
        if (fields.isExplicitNull(name)) {
            return new Field<>(true, null);
        }
        JsonNode value = fields.raw(name);
        if (value == null) {
            return Field.unchanged();
        }
        if (!value.isNumber() || !(value.doubleValue() > 0) || value.doubleValue() > RateLimits.MAX_PER_SECOND) {
            throw ApiException.invalid(fields.field(name),
                    "must be a number above 0 and at most " + (long) RateLimits.MAX_PER_SECOND + ", or null for the default");
        }
        return new Field<>(true, value.doubleValue());
    }

    private static Field<Integer> burst(JsonFields fields, String name) {
        if (fields.isExplicitNull(name)) {
            return new Field<>(true, null);
        }
        JsonNode value = fields.raw(name);
        if (value == null) {
            return Field.unchanged();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1
                || value.intValue() > RateLimits.MAX_BURST) {
            throw ApiException.invalid(fields.field(name),
                    "must be a whole number from 1 to " + RateLimits.MAX_BURST + ", or null for the default");
        }
        return new Field<>(true, value.intValue());
    }
}
