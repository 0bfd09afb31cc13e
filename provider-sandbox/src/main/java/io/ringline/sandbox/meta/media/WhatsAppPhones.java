package io.ringline.sandbox.meta.media;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.ringline.sandbox.meta.sdp.SdpFactory;
import org.springframework.stereotype.Component;

/**
 * Hands each META call its simulated user's phone: a real WebRTC peer while the stack is available and fewer than
 * {@code sandbox.webrtc.max-peers} are live, else a synthetic one (Meta-shaped SDP, no media) that says why.
 */
@Component
public class WhatsAppPhones {

    private final WebRtcStack stack;
    private final WebRtcProperties props;
    private final Set<InetAddress> hostAddresses = WhatsAppSdp.hostAddresses();

    WhatsAppPhones(WebRtcStack stack, WebRtcProperties props) {
        this.stack = stack;
        this.props = props;
    }

    /** The user's phone for a business-initiated call: it answers the business's offer. */
    public UserPhone answering(String callId, String offer) {
        Supplier<String> synthetic = () -> SdpFactory.answerTo(offer);
        return refusal().<UserPhone>map(why -> new SyntheticPhone(synthetic.get(), why))
                .orElseGet(() -> WhatsAppPhone.answering(callId, offer, stack, props, hostAddresses, synthetic));
    }

    /** The user's phone for a user-initiated call: it makes the offer. */
    public UserPhone calling(String callId) {
        Supplier<String> synthetic = SdpFactory::offer;
        return refusal().<UserPhone>map(why -> new SyntheticPhone(synthetic.get(), why))
                .orElseGet(() -> WhatsAppPhone.calling(callId, stack, props, hostAddresses, synthetic));
    }

    private Optional<String> refusal() {
        if (!props.enabled()) {
            return Optional.of("WebRTC is switched off (sandbox.webrtc.enabled=false)");
        }
        if (stack.unavailable() != null) {
            return Optional.of(stack.unavailable());
        }
        if (stack.livePhones() >= props.maxPeers()) {
            return Optional.of("already " + props.maxPeers() + " live WebRTC peers (sandbox.webrtc.max-peers)");
        }
        return Optional.empty();
    }
}
