package io.ringline.sandbox.control;

/** {@code POST /sandbox/users/{phone}/calls}: the business phone (digits) the user calls. */
record UserCallRequest(String to) {
}
