package io.ringline.sandbox.meta.media;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The native WebRTC stack (webrtc-java over libwebrtc) the simulated phones share: one headless audio device
 * module (no sound card is touched) and one peer connection factory, loaded on first use. Every native operation
 * of every phone runs on this stack's single thread, which also pushes 10 ms of each phone's voice every 10 ms:
 * a phone is never disposed while audio is being pushed into it, and no lock is needed for that.
 */
@Component
class WebRtcStack implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebRtcStack.class);
    static final int FRAME_MS = 10;
    /** Statistics are read every this many frames (1 s). */
    private static final int STATS_EVERY = 100;

    /** Native calls may run deep in libwebrtc: this thread gets a roomy stack whatever {@code -Xss} says. */
    private static final long NATIVE_STACK_BYTES = 4L * 1024 * 1024;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(null, runnable, "sandbox-webrtc", NATIVE_STACK_BYTES);
        t.setDaemon(true);
        return t;
    });
    private final Set<WhatsAppPhone> live = ConcurrentHashMap.newKeySet();

    private volatile boolean started;
    private volatile String unavailable;
    private HeadlessAudioDeviceModule audio;
    private PeerConnectionFactory factory;
    private long ticks;

    /** Where every native call must run. */
    Executor thread() {
        return thread;
    }

    /**
     * The factory, loading the native library on first use; empty (with {@link #unavailable()} saying why) when
     * it cannot be loaded on this machine. Call on {@link #thread()} only.
     */
    Optional<PeerConnectionFactory> factory() {
        if (!started) {
            started = true;
            try {
                audio = new HeadlessAudioDeviceModule();
                audio.initPlayout();
                audio.startPlayout(); // decoded remote audio only reaches track sinks while playout runs
                factory = new PeerConnectionFactory(audio);
                thread.scheduleAtFixedRate(this::tick, FRAME_MS, FRAME_MS, TimeUnit.MILLISECONDS);
                log.info("WebRTC stack loaded: simulated WhatsApp users answer META calls with real media");
            } catch (Throwable e) { // UnsatisfiedLinkError and friends: no native library for this platform
                unavailable = "the WebRTC native library could not be loaded: " + e;
                log.warn("{}; META calls get synthetic SDPs", unavailable);
            }
        }
        return Optional.ofNullable(factory);
    }

    /** Why there is no factory, once loading failed. */
    String unavailable() {
        return unavailable;
    }

    void register(WhatsAppPhone phone) {
        live.add(phone);
    }

    void unregister(WhatsAppPhone phone) {
        live.remove(phone);
    }

    int livePhones() {
        return live.size();
    }

    private void tick() {
        boolean readStats = ++ticks % STATS_EVERY == 0;
        for (WhatsAppPhone phone : live) {
            try {
                phone.pushFrame();
                if (readStats) {
                    phone.requestStats();
                }
            } catch (RuntimeException e) {
                log.warn("simulated phone {} failed to send audio", phone.callId(), e);
            }
        }
    }

    @Override
    public void destroy() throws Exception {
        thread.submit(() -> {
            live.forEach(WhatsAppPhone::closeNow);
            live.clear();
            if (factory != null) {
                try {
                    audio.stopPlayout();
                    audio.dispose();
                    factory.dispose();
                } catch (RuntimeException | Error e) {
                    // At shutdown a native object still referenced somewhere is not worth failing the context for.
                    log.debug("releasing the WebRTC stack failed", e);
                }
            }
        }).get(10, TimeUnit.SECONDS);
        thread.shutdownNow();
    }
}
