package io.ringline.bench.media;

import io.ringline.bench.load.Latencies;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The generator's clock for media: every millisecond, each streaming session's two ends send the frames that have
 * become due — one every 20 ms per direction, on a schedule fixed when the session started (an open model: a late
 * tick sends the overdue frames at once, and how late they were is recorded as the generator's lag, not hidden).
 * One thread for all sessions, like the bridge's own pacer.
 */
public final class FramePacer implements AutoCloseable {

    public static final long FRAME_NANOS = 20_000_000;

    private final Set<MediaSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Latencies> lag = new AtomicReference<>(new Latencies());
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "media-pacer");
        thread.setDaemon(true);
        return thread;
    });

    public FramePacer() {
        clock.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.MILLISECONDS);
    }

    public void start(MediaSession session) {
        session.startStreaming(System.nanoTime());
        sessions.add(session);
    }

    /** The session's ends send nothing more. */
    public void stop(MediaSession session) {
        sessions.remove(session);
        session.stopStreaming();
    }

    /** Starts a new window of the generator's lag (intended → actual send) and returns the one that ends. */
    public Latencies swapLag() {
        return lag.getAndSet(new Latencies());
    }

    private void tick() {
        Latencies lagNow = lag.get();
        for (MediaSession s : sessions) {
            if (!s.streaming()) {
                continue;
            }
            long now = System.nanoTime();
            while (s.nextClientNanos <= now) {
                lagNow.recordNanos(now - s.nextClientNanos);
                s.sendFromClient(StampedFrame.make(s.index(), ++s.clientSeq, System.nanoTime()));
                s.toProvider().sent();
                s.nextClientNanos += FRAME_NANOS;
            }
            while (s.nextGoNanos <= now) {
                lagNow.recordNanos(now - s.nextGoNanos);
                s.sendFromGo(StampedFrame.make(s.index(), ++s.goSeq, System.nanoTime()));
                s.toClient().sent();
                s.nextGoNanos += FRAME_NANOS;
            }
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
