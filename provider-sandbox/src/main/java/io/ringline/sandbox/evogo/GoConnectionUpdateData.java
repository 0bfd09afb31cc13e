package io.ringline.sandbox.evogo;

/** {@code data} of a ConnectionUpdate webhook: {@code state} is {@code open} or {@code close}. */
record GoConnectionUpdateData(String state) {

    static GoConnectionUpdateData of(boolean online) {
        return new GoConnectionUpdateData(online ? "open" : "close");
    }
}
