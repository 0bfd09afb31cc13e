package io.ringline.sandbox.sim.call;

import java.time.Instant;

import io.ringline.sandbox.sim.audio.ToneDetector;

/**
 * What one realtime audio WebSocket carried, counted while it is open (the WebSocket's threads write, the
 * inspection API reads). Audio is counted and analysed for a tone, never kept: the sandbox proves audio flowed and
 * what it sounded like, it does not store it.
 */
public final class RealtimeStream {

    private static final int SAMPLE_RATE = 16_000;

    private final String mode;
    private final Instant openedAt;
    private final ToneDetector heard = new ToneDetector();

    private Instant closedAt;
    private long bytesReceived;
    private long framesReceived;
    private Instant firstFrameAt;
    private long bytesRefused;
    private long framesRefused;
    private long bytesSent;
    private long framesSent;
    private long clears;
    private long framesCleared;

    RealtimeStream(String mode, Instant openedAt) {
        this.mode = mode;
        this.openedAt = openedAt;
    }

    /** Audio the client streamed into the call: PCM16 LE mono 16 kHz. */
    public void received(byte[] pcm, Instant at) {
        synchronized (this) {
            if (firstFrameAt == null) {
                firstFrameAt = at;
            }
            bytesReceived += pcm.length;
            framesReceived++;
        }
        heard.acceptMono(pcm, SAMPLE_RATE);
    }

    /** Audio the client sent where none is accepted (a listen session, or not whole PCM16 samples). */
    public synchronized void refused(long bytes) {
        bytesRefused += bytes;
        framesRefused++;
    }

    /** The simulated user's voice sent to the client. */
    public synchronized void sent(long bytes) {
        bytesSent += bytes;
        framesSent++;
    }

    /** The client asked to drop queued outbound audio; {@code droppedFrames} is how much there was. */
    public synchronized void cleared(int droppedFrames) {
        clears++;
        framesCleared += droppedFrames;
    }

    public synchronized void closed(Instant at) {
        if (closedAt == null) {
            closedAt = at;
        }
    }

    public synchronized View view() {
        return new View(mode, openedAt, closedAt, bytesReceived, framesReceived, firstFrameAt, bytesRefused,
                framesRefused, bytesSent, framesSent, clears, framesCleared, heard.view());
    }

    /**
     * One session in {@code GET /sandbox/calls/{id}}; {@code closedAt} null while it is open; {@code heard} the tone
     * analysis of the audio the client streamed in.
     */
    public record View(String mode, Instant openedAt, Instant closedAt, long bytesReceived, long framesReceived,
            Instant firstFrameAt, long bytesRefused, long framesRefused, long bytesSent, long framesSent,
            long clears, long framesCleared, ToneDetector.View heard) {
    }
}
