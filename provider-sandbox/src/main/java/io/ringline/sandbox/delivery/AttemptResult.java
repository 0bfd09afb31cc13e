package io.ringline.sandbox.delivery;

/** How one delivery attempt went: the receiver's status, or why no status came back. */
record AttemptResult(Integer status, String error) {

    static AttemptResult answered(int status) {
        return new AttemptResult(status, null);
    }

    static AttemptResult failed(String error) {
        return new AttemptResult(null, error);
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
