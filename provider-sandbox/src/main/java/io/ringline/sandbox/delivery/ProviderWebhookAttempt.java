package io.ringline.sandbox.delivery;

/** How one delivery attempt went: the receiver's status, or why no status came back. */
record ProviderWebhookAttempt(Integer status, String error) {

    static ProviderWebhookAttempt answered(int status) {
        return new ProviderWebhookAttempt(status, null);
    }

    static ProviderWebhookAttempt failed(String error) {
        return new ProviderWebhookAttempt(null, error);
    }

    boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }

    String outcome() {
        if (status == null) {
            return "failed";
        }
        return succeeded() ? "delivered" : "rejected";
    }
}
