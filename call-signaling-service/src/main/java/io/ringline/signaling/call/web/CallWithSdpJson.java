package io.ringline.signaling.call.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ringline.signaling.call.CallSnapshot;

/** A Call with its SDPs, for {@code ?includeSdp=1}: both fields always present, null on EVO_GO. */
record CallWithSdpJson(@JsonUnwrapped CallJson call, String sdpOffer, String sdpAnswer) {

    static CallWithSdpJson of(CallSnapshot call) {
        return new CallWithSdpJson(CallJson.of(call), call.sdpOffer(), call.sdpAnswer());
    }
}
