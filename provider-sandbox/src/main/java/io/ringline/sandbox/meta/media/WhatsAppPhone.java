package io.ringline.sandbox.meta.media;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.MediaType;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import io.ringline.sandbox.sim.audio.ToneDetector;
import io.ringline.sandbox.sim.call.MediaView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated user's phone as a real WebRTC peer: one audio track of Opus, candidates gathered before the SDP
 * leaves (no trickle), a steady tone sent once the call is answered, and what it receives decoded and analysed
 * for a tone. Native objects are touched only on the {@link WebRtcStack}'s thread.
 */
final class WhatsAppPhone implements UserPhone {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppPhone.class);
    private static final int SAMPLE_RATE = 48_000;
    private static final int FRAME_SAMPLES = SAMPLE_RATE * WebRtcStack.FRAME_MS / 1000;
    private static final double AMPLITUDE = 0.25 * Short.MAX_VALUE;

    private final String callId;
    private final WebRtcStack stack;
    private final Executor thread;
    private final WebRtcProperties props;
    private final Set<InetAddress> hostAddresses;
    private final CompletableFuture<String> description = new CompletableFuture<>();
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final ToneDetector heard = new ToneDetector();
    private final byte[] frame = new byte[FRAME_SAMPLES * 2];

    // Native objects and their bookkeeping: the stack's thread only.
    private RTCPeerConnection connection;
    private CustomAudioSource voice;
    private AudioTrack voiceTrack;
    private AudioTrack remoteTrack;
    private AudioTrackSink ear;
    private boolean answerApplied;
    private long sampleIndex;

    /** Written on the stack's thread; read by libwebrtc's callbacks too. */
    private volatile boolean closed;
    private volatile boolean talking;
    private volatile String state = "new";
    private volatile String fallbackReason;
    private volatile String problem;
    private volatile long packetsReceived;
    private volatile long bytesReceived;
    private volatile long packetsSent;
    private volatile long bytesSent;

    private WhatsAppPhone(String callId, WebRtcStack stack, WebRtcProperties props, Set<InetAddress> hostAddresses) {
        this.callId = callId;
        this.stack = stack;
        this.thread = stack.thread();
        this.props = props;
        this.hostAddresses = hostAddresses;
    }

    /** The user's phone receiving a business call: answers {@code offer}. */
    static WhatsAppPhone answering(String callId, String offer, WebRtcStack stack, WebRtcProperties props,
            Set<InetAddress> hostAddresses, Supplier<String> synthetic) {
        WhatsAppPhone phone = new WhatsAppPhone(callId, stack, props, hostAddresses);
        stack.register(phone);
        phone.thread.execute(() -> phone.answer(offer, synthetic));
        return phone;
    }

    /** The user's phone calling a business: makes the offer. */
    static WhatsAppPhone calling(String callId, WebRtcStack stack, WebRtcProperties props,
            Set<InetAddress> hostAddresses, Supplier<String> synthetic) {
        WhatsAppPhone phone = new WhatsAppPhone(callId, stack, props, hostAddresses);
        stack.register(phone);
        phone.thread.execute(() -> phone.offer(synthetic));
        return phone;
    }

    String callId() {
        return callId;
    }

    @Override
    public CompletableFuture<String> description() {
        return description;
    }

    private void answer(String offer, Supplier<String> synthetic) {
        if (!open()) {
            fallBack(synthetic);
            return;
        }
        setRemote(RTCSdpType.OFFER, reachable(offer))
                .thenRunAsync(() -> {
                    requireOpen();
                    // Answering: the track takes the transceiver the offer created, so the answer is sendrecv.
                    connection.addTrack(voiceTrack, List.of("wa"));
                    preferWhatsAppCodecs();
                }, thread)
                .thenComposeAsync(ignored -> create(false), thread)
                .thenComposeAsync(this::setLocal, thread)
                .thenCompose(ignored -> gathered)
                .orTimeout(props.setupTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenApplyAsync(ignored -> localDescription(), thread)
                .whenComplete((sdp, error) -> finishSetup(sdp, error, synthetic));
    }

    private void offer(Supplier<String> synthetic) {
        if (!open()) {
            fallBack(synthetic);
            return;
        }
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_RECV;
        init.streamIds = List.of("wa");
        connection.addTransceiver(voiceTrack, init);
        preferWhatsAppCodecs();
        create(true)
                .thenComposeAsync(this::setLocal, thread)
                .thenCompose(ignored -> gathered)
                .orTimeout(props.setupTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenApplyAsync(ignored -> localDescription(), thread)
                .whenComplete((sdp, error) -> finishSetup(sdp, error, synthetic));
    }

    /** Creates the peer connection and the user's voice; false when there is no WebRTC stack here. */
    private boolean open() {
        PeerConnectionFactory factory = stack.factory().orElse(null);
        if (factory == null) {
            fallbackReason = stack.unavailable();
            return false;
        }
        RTCConfiguration config = new RTCConfiguration(); // no STUN/TURN: host candidates only, nothing leaves
        config.portAllocatorConfig.setDisableTcp(true); // WhatsApp media is UDP
        connection = factory.createPeerConnection(config, new Observer());
        voice = new CustomAudioSource();
        voiceTrack = factory.createAudioTrack("wa-voice", voice);
        return true;
    }

    private String reachable(String sdp) {
        return props.localCandidatesOnly() ? WhatsAppSdp.localCandidatesOnly(sdp, hostAddresses) : sdp;
    }

    /** Opus (and DTMF events) only, like WhatsApp's media side. */
    private void preferWhatsAppCodecs() {
        List<RTCRtpCodecCapability> whatsApp = new ArrayList<>();
        for (RTCRtpCodecCapability codec : stack.factory().orElseThrow()
                .getRtpReceiverCapabilities(MediaType.AUDIO).getCodecs()) {
            String name = codec.getName().toLowerCase(Locale.ROOT);
            if (name.equals("opus") || name.equals("telephone-event")) {
                whatsApp.add(codec);
            }
        }
        for (RTCRtpTransceiver transceiver : connection.getTransceivers()) {
            transceiver.setCodecPreferences(whatsApp);
        }
    }

    /** Every step after the first re-checks: a call may end (and its objects be released) during set-up. */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the call ended during set-up");
        }
    }

    private CompletableFuture<Void> setRemote(RTCSdpType type, String sdp) {
        requireOpen();
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.setRemoteDescription(new RTCSessionDescription(type, sdp), new SetObserver(done));
        return done;
    }

    private CompletableFuture<RTCSessionDescription> create(boolean offer) {
        requireOpen();
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        CreateSessionDescriptionObserver observer = new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                created.complete(description);
            }

            @Override
            public void onFailure(String error) {
                created.completeExceptionally(new IllegalStateException(error));
            }
        };
        if (offer) {
            connection.createOffer(new RTCOfferOptions(), observer);
        } else {
            connection.createAnswer(new RTCAnswerOptions(), observer);
        }
        return created;
    }

    private CompletableFuture<Void> setLocal(RTCSessionDescription description) {
        requireOpen();
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.setLocalDescription(description, new SetObserver(done));
        return done;
    }

    private String localDescription() {
        requireOpen();
        return WhatsAppSdp.outgoing(connection.getLocalDescription().sdp);
    }

    private void finishSetup(String sdp, Throwable error, Supplier<String> synthetic) {
        if (error == null) {
            description.complete(sdp);
            return;
        }
        log.warn("simulated phone for {} could not set up WebRTC: {}", callId, error.toString());
        fallbackReason = "WebRTC set-up failed: " + rootMessage(error);
        fallBack(synthetic);
    }

    private void fallBack(Supplier<String> synthetic) {
        thread.execute(this::closeNow);
        description.complete(synthetic.get());
    }

    @Override
    public void businessAnswered(String sdp) {
        thread.execute(() -> {
            if (connection == null || closed || answerApplied) {
                return;
            }
            answerApplied = true;
            setRemote(RTCSdpType.ANSWER, reachable(sdp)).whenComplete((ignored, error) -> {
                if (error != null) {
                    problem = "the business's answer was refused: " + rootMessage(error);
                    log.warn("simulated phone for {}: {}", callId, problem);
                }
            });
        });
    }

    @Override
    public void talk() {
        talking = true;
    }

    @Override
    public void hangUp() {
        talking = false;
        thread.execute(() -> {
            if (connection == null || closed) {
                closeNow();
                return;
            }
            // Read the counters one last time, then release everything (at once if the report does not come).
            CompletableFuture<Void> lastStats = new CompletableFuture<>();
            connection.getStats(report -> {
                record(report);
                lastStats.complete(null);
            });
            lastStats.orTimeout(1, TimeUnit.SECONDS).whenCompleteAsync((ignored, error) -> closeNow(), thread);
        });
    }

    /** Releases the native objects; the stack's thread only. */
    void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        stack.unregister(this);
        if (remoteTrack != null && ear != null) {
            quietly(() -> remoteTrack.removeSink(ear));
        }
        if (connection != null) {
            // A track a sender still holds cannot be released: take it off the call first.
            for (RTCRtpSender sender : connection.getSenders()) {
                quietly(() -> connection.removeTrack(sender));
            }
            quietly(connection::close);
        }
        if (voiceTrack != null) {
            quietly(voiceTrack::dispose);
        }
        if (voice != null) {
            quietly(voice::dispose);
        }
        state = "closed";
    }

    /** 10 ms of the user's voice: the tone while talking, silence before; the stack's thread only. */
    void pushFrame() {
        if (closed || voice == null) {
            return;
        }
        boolean speak = talking;
        for (int i = 0; i < FRAME_SAMPLES; i++) {
            short sample = speak ? (short) Math.round(AMPLITUDE * Math.sin(
                    2 * Math.PI * props.toneHz() * (sampleIndex % SAMPLE_RATE) / SAMPLE_RATE)) : 0;
            sampleIndex++;
            frame[2 * i] = (byte) sample;
            frame[2 * i + 1] = (byte) (sample >> 8);
        }
        voice.pushAudio(frame, 16, SAMPLE_RATE, 1, FRAME_SAMPLES);
    }

    /** Asks for the peer's counters; the stack's thread only. */
    void requestStats() {
        if (!closed && connection != null) {
            connection.getStats(this::record);
        }
    }

    private void record(RTCStatsReport report) {
        for (RTCStats stats : report.getStats().values()) {
            if (stats.getType() == RTCStatsType.INBOUND_RTP) {
                packetsReceived = number(stats, "packetsReceived");
                bytesReceived = number(stats, "bytesReceived");
            } else if (stats.getType() == RTCStatsType.OUTBOUND_RTP) {
                packetsSent = number(stats, "packetsSent");
                bytesSent = number(stats, "bytesSent");
            }
        }
    }

    private static long number(RTCStats stats, String name) {
        Object value = stats.getAttributes().get(name);
        return value instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public MediaView view() {
        if (fallbackReason != null) {
            return MediaView.synthetic(fallbackReason);
        }
        return new MediaView("webrtc", state, problem, packetsReceived, bytesReceived, packetsSent, bytesSent,
                props.toneHz(), heard.view());
    }

    private void attachEar(MediaStreamTrack track) {
        if (closed || remoteTrack != null || !(track instanceof AudioTrack audio)) {
            return;
        }
        remoteTrack = audio;
        ear = (data, bitsPerSample, sampleRate, channels, frames) -> {
            if (bitsPerSample == 16) {
                heard.accept(data, frames, channels, sampleRate);
            }
        };
        audio.addSink(ear);
    }

    /** webrtc-java reports a native object it cannot release with an {@link Error}: logged, never fatal here. */
    private static void quietly(Runnable release) {
        try {
            release.run();
        } catch (RuntimeException | Error e) {
            log.debug("releasing a native WebRTC object failed", e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof java.util.concurrent.TimeoutException ? "timed out" : String.valueOf(root.getMessage());
    }

    /** Callbacks arrive on libwebrtc's threads: only volatile fields and futures are touched here. */
    private final class Observer implements PeerConnectionObserver {

        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            // Not trickled: the SDP leaves once gathering is complete, with every candidate inline.
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState gathering) {
            if (gathering == RTCIceGatheringState.COMPLETE) {
                gathered.complete(null);
            }
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState connectionState) {
            if (!closed) {
                state = connectionState.name().toLowerCase(Locale.ROOT);
            }
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            thread.execute(() -> attachEar(transceiver.getReceiver().getTrack()));
        }
    }

    private record SetObserver(CompletableFuture<Void> done) implements SetSessionDescriptionObserver {
        @Override
        public void onSuccess() {
            done.complete(null);
        }

        @Override
        public void onFailure(String error) {
            done.completeExceptionally(new IllegalStateException(error));
        }
    }
}
