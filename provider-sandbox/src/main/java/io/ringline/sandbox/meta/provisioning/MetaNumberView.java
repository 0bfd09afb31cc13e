package io.ringline.sandbox.meta.provisioning;

import io.ringline.sandbox.meta.MetaNumber;

/** A provisioned Meta number as the control API shows it (secrets included: the sandbox is test infrastructure). */
record MetaNumberView(String phoneNumberId, String phone, String accessToken, String appSecret, String webhookUrl,
        String wabaId, int messagingLimit) {

    static MetaNumberView of(MetaNumber number) {
        return new MetaNumberView(number.phoneNumberId(), number.phone(), number.accessToken(), number.appSecret(),
                number.webhookUrl().toString(), number.wabaId(), number.messagingLimit());
    }
}
