package io.ringline.sandbox.evogo.provisioning;

import io.ringline.sandbox.evogo.GoInstance;

/**
 * A provisioned instance as the control API shows it; the token is shown because the sandbox is test
 * infrastructure. {@code online} is {@code connected} after the {@code instanceConnected} fault.
 */
record GoInstanceView(String instanceName, String token, String phone, String webhookUrl, boolean connected,
        boolean online) {

    static GoInstanceView of(GoInstance instance, boolean online) {
        return new GoInstanceView(instance.name(), instance.token(), instance.phone(),
                instance.webhookUrl().toString(), instance.connected(), online);
    }
}
