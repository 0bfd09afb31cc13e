package io.ringline.sandbox.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.ringline.sandbox.sim.audio.ToneDetector;

/**
 * The business's side of a META call in a test: a real WebRTC peer (its own libwebrtc factory) that offers or
 * answers like a browser, says {@code toneHz} and analyses what it hears, so a test can prove audio crossed the
 * sandbox's simulated phone in both directions. All native calls run on one thread.
 */
public final class BusinessPeer implements AutoCloseable {

    private static final int RATE = 48_000;
    private static final int FRAME = RATE / 100;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            runnable -> new Thread(null, runnable, "business-webrtc", 4L * 1024 * 1024));
    private final ScheduledExecutorService voiceClock = Executors.newSingleThreadScheduledExecutor();
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final ToneDetector heard = new ToneDetector();
    private final AtomicLong packetsReceived = new AtomicLong();
    private final int toneHz;
    private HeadlessAudioDeviceModule audio;
    private PeerConnectionFactory factory;
    private RTCPeerConnection connection;
    private CustomAudioSource voice;
    private AudioTrack track;
    private long sample;
    private volatile boolean closed;

    private BusinessPeer(int toneHz) {
        this.toneHz = toneHz;
    }

    public static BusinessPeer start(int toneHz) {
        BusinessPeer peer = new BusinessPeer(toneHz);
        peer.onThread(() -> {
            peer.audio = new HeadlessAudioDeviceModule();
            peer.audio.initPlayout();
            peer.audio.startPlayout();
            peer.factory = new PeerConnectionFactory(peer.audio);
            peer.connection = peer.factory.createPeerConnection(new RTCConfiguration(), peer.new Observer());
            peer.voice = new CustomAudioSource();
            peer.track = peer.factory.createAudioTrack("business-voice", peer.voice);
            return null;
        });
        peer.voiceClock.scheduleAtFixedRate(() -> peer.thread.execute(peer::speak), 10, 10, TimeUnit.MILLISECONDS);
        return peer;
    }

    /** A browser-like offer, candidates gathered. */
    public String offer() {
        onThread(() -> {
            RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
            init.direction = RTCRtpTransceiverDirection.SEND_RECV;
            init.streamIds = List.of("business");
            connection.addTransceiver(track, init);
            return null;
        });
        return describe(true);
    }

    /** Answers Meta's offer with {@code a=setup:active}, as a business must. */
    public String answer(String offer) {
        setRemote(RTCSdpType.OFFER, offer);
        onThread(() -> connection.addTrack(track, List.of("business")));
        return describe(false).replace("a=setup:passive", "a=setup:active");
    }

    public void applyAnswer(String answer) {
        setRemote(RTCSdpType.ANSWER, answer);
    }

    public ToneDetector.View heard() {
        return heard.view();
    }

    public long packetsReceived() {
        CompletableFuture<Void> read = new CompletableFuture<>();
        thread.execute(() -> connection.getStats(report -> {
            report.getStats().values().stream().filter(s -> s.getType() == RTCStatsType.INBOUND_RTP)
                    .forEach(s -> packetsReceived.set(((Number) s.getAttributes().getOrDefault("packetsReceived", 0))
                            .longValue()));
            read.complete(null);
        }));
        read.orTimeout(5, TimeUnit.SECONDS).join();
        return packetsReceived.get();
    }

    private String describe(boolean offer) {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        thread.execute(() -> {
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
        });
        RTCSessionDescription description = created.orTimeout(10, TimeUnit.SECONDS).join();
        if (!offer) {
            description = new RTCSessionDescription(description.sdpType,
                    description.sdp.replace("a=setup:passive", "a=setup:active"));
        }
        CompletableFuture<Void> set = new CompletableFuture<>();
        RTCSessionDescription local = description;
        thread.execute(() -> connection.setLocalDescription(local, new Set(set)));
        set.orTimeout(10, TimeUnit.SECONDS).join();
        gathered.orTimeout(10, TimeUnit.SECONDS).join();
        return onThread(() -> connection.getLocalDescription().sdp);
    }

    private void setRemote(RTCSdpType type, String sdp) {
        CompletableFuture<Void> set = new CompletableFuture<>();
        thread.execute(() -> connection.setRemoteDescription(new RTCSessionDescription(type, sdp), new Set(set)));
        set.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private void speak() {
        if (closed) {
            return;
        }
        byte[] pcm = new byte[FRAME * 2];
        for (int i = 0; i < FRAME; i++) {
            short v = (short) Math.round(0.25 * Short.MAX_VALUE * Math.sin(2 * Math.PI * toneHz * (sample++ % RATE) / RATE));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        voice.pushAudio(pcm, 16, RATE, 1, FRAME);
    }

    private <T> T onThread(java.util.concurrent.Callable<T> work) {
        try {
            return thread.submit(work).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        voiceClock.shutdownNow();
        onThread(() -> {
            closed = true;
            for (var sender : connection.getSenders()) {
                connection.removeTrack(sender);
            }
            connection.close();
            track.dispose();
            voice.dispose();
            audio.stopPlayout();
            audio.dispose();
            factory.dispose();
            return null;
        });
        thread.shutdownNow();
    }

    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState state) {
            if (state == RTCIceGatheringState.COMPLETE) {
                gathered.complete(null);
            }
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            thread.execute(() -> {
                if (transceiver.getReceiver().getTrack() instanceof AudioTrack remote) {
                    remote.addSink((data, bits, rate, channels, frames) -> heard.accept(data, frames, channels, rate));
                }
            });
        }
    }

    private record Set(CompletableFuture<Void> done) implements SetSessionDescriptionObserver {
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
