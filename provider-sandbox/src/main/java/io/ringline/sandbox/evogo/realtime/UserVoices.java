package io.ringline.sandbox.evogo.realtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.stereotype.Component;

/**
 * What the simulated user is about to say on each open realtime session. Speech is cut into 20 ms frames and queued
 * on every session of the call open at that moment; a session sends a queued frame instead of the tone on each
 * tick, and a client's {@code clear} drops what its session still had queued. Speech nobody listens to is lost.
 * Between utterances the user is heard as a tone, or — for a call told so ({@link #silentBetweenUtterances}), as a
 * voice agent's speech detector needs — as silence.
 */
@Component
public class UserVoices {

    private final Map<String, Set<Voice>> byCall = new ConcurrentHashMap<>();
    /** Calls whose user is silent, not a tone, when saying nothing (kept until the sandbox restarts: a few ids). */
    private final Set<String> silentCalls = ConcurrentHashMap.newKeySet();
    private static final byte[] SILENCE = new byte[SineTone.FRAME_BYTES];

    /** One session's queue of frames still to send. */
    public static final class Voice {

        private final Queue<byte[]> frames = new ConcurrentLinkedQueue<>();

        /** The next frame to say, null when the user has nothing queued. */
        byte[] next() {
            return frames.poll();
        }

        /** Drops the queued frames; how many there were. */
        int clear() {
            int dropped = 0;
            while (frames.poll() != null) {
                dropped++;
            }
            return dropped;
        }
    }

    /** From now on, the call's user is silent between utterances ({@code true}) or a tone ({@code false}). */
    public void silentBetweenUtterances(String callId, boolean silent) {
        if (silent) {
            silentCalls.add(callId);
        } else {
            silentCalls.remove(callId);
        }
    }

    /** What the user sends on a tick with nothing queued: the tone, or silence. */
    byte[] idleFrame(String callId, long tick) {
        return silentCalls.contains(callId) ? SILENCE.clone() : SineTone.frame(tick);
    }

    Voice attach(String callId) {
        Voice voice = new Voice();
        byCall.computeIfAbsent(callId, id -> ConcurrentHashMap.newKeySet()).add(voice);
        return voice;
    }

    void detach(String callId, Voice voice) {
        byCall.computeIfPresent(callId, (id, voices) -> {
            voices.remove(voice);
            return voices.isEmpty() ? null : voices;
        });
    }

    /**
     * Queues PCM16 LE mono 16 kHz audio (whole samples) on the call's open sessions; a last partial frame is
     * padded with silence. Returns how many sessions will hear it.
     */
    public int say(String callId, byte[] pcm) {
        List<byte[]> frames = frames(pcm);
        Set<Voice> voices = byCall.getOrDefault(callId, Set.of());
        voices.forEach(voice -> voice.frames.addAll(frames));
        return voices.size();
    }

    public static int frameCount(int bytes) {
        return (bytes + SineTone.FRAME_BYTES - 1) / SineTone.FRAME_BYTES;
    }

    private static List<byte[]> frames(byte[] pcm) {
        List<byte[]> frames = new ArrayList<>(frameCount(pcm.length));
        for (int from = 0; from < pcm.length; from += SineTone.FRAME_BYTES) {
            // copyOfRange pads past the end with zeros: silence.
            frames.add(Arrays.copyOfRange(pcm, from, from + SineTone.FRAME_BYTES));
        }
        return frames;
    }
}
