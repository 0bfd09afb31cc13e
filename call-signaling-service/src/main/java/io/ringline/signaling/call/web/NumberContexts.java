package io.ringline.signaling.call.web;

import io.ringline.platform.internalapi.NumberContextBody;
import io.ringline.platform.web.ApiException;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.Provider;

/** The gateway's number context, sent with number-level requests, checked and turned into a {@link NumberAccount}. */
final class NumberContexts {

    private NumberContexts() {
    }

    /** @throws ApiException 400 INVALID_REQUEST naming the missing field, or a number other than the path's */
    static NumberAccount toAccount(NumberContextBody context, String pathNumberId) {
        if (context == null) {
            throw ApiException.invalid("number", "is required");
        }
        require(context.numberId(), "number.numberId");
        if (!context.numberId().equals(pathNumberId)) {
            throw ApiException.invalid("number.numberId", "does not match the number in the path");
        }
        require(context.provider(), "number.provider");
        Provider kind = switch (context.provider()) {
            case "META" -> Provider.META;
            case "EVO_GO" -> Provider.EVO_GO;
            default -> Provider.NONE;
        };
        if (kind.supportsCalling()) {
            require(context.baseUrl(), "number.baseUrl");
            require(context.accountId(), "number.accountId");
            require(context.encryptedCredentials(), "number.encryptedCredentials");
        }
        return new NumberAccount(context.numberId(), context.tenantId(), kind, context.phone(), context.baseUrl(),
                context.accountId(), context.encryptedCredentials(),
                context.version() == null ? 0 : context.version());
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
    }
}
