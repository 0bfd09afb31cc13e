package io.ringline.sandbox.sink;

/**
 * Whether a recorded delivery carries a valid Standard Webhooks signature for a given secret, and if not, why:
 * {@code reason} says what a receiver's verification would trip over.
 */
record SignatureVerdict(boolean valid, String reason) {

    static SignatureVerdict valid(String reason) {
        return new SignatureVerdict(true, reason);
    }

    static SignatureVerdict invalid(String reason) {
        return new SignatureVerdict(false, reason);
    }
}
