package io.ringline.gateway.calls;

/** What a tenant asks to be done with a call; each becomes one {@code CallCommand} for the signaling service. */
public sealed interface TenantCallAction {

    /** Name used in metrics and logs. */
    String name();

    /** @param sdp the WebRTC offer on META, null on EVO_GO */
    record Place(String to, String sdp, String bizOpaqueCallbackData) implements TenantCallAction {
        @Override
        public String name() {
            return "place";
        }
    }

    /** META only: early SDP answer that cuts audio clipping; the call still connects on accept. */
    record PreAccept(String sdp) implements TenantCallAction {
        @Override
        public String name() {
            return "pre_accept";
        }
    }

    /** @param sdp the WebRTC answer on META, null on EVO_GO */
    record Accept(String sdp) implements TenantCallAction {
        @Override
        public String name() {
            return "accept";
        }
    }

    record Reject() implements TenantCallAction {
        @Override
        public String name() {
            return "reject";
        }
    }

    record Terminate() implements TenantCallAction {
        @Override
        public String name() {
            return "terminate";
        }
    }
}
