package io.ringline.sandbox.meta.sdp;

/** Which business SDP is checked: the offer of a business-initiated call, or the answer to a user's call. */
public enum SdpRole {
    BUSINESS_OFFER,
    ANSWER_TO_USER_CALL
}
