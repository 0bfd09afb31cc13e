package io.ringline.sandbox.sim.audio;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds a steady tone in received PCM16 audio, window by window (100 ms), so the sandbox can say not only that
 * audio arrived but which tone it carried. A window's frequency is first estimated from its zero crossings, then
 * confirmed with the Goertzel algorithm at the bins around the estimate: a window counts as a tone when one bin
 * holds most of the window's energy. Two Goertzel passes over a few bins per window instead of a full spectrum
 * keep a detector cheap enough to run on every audio stream the sandbox receives.
 *
 * <p>One writer (the stream's receive path) feeds it while readers take a {@link #view}; both synchronize.
 */
public final class ToneDetector {

    static final int WINDOW_MS = 100;
    /** Share of a window's energy one bin must hold for the window to count as a tone. */
    static final double TONE_RATIO = 0.5;
    /** Windows quieter than this (RMS, full scale = 1) are silence, not a tone. */
    static final double MIN_RMS = 0.003;
    private static final int BIN_HZ = 1000 / WINDOW_MS;
    private static final int MIN_HZ = 50;

    private double[] window = new double[0];
    private int sampleRate;
    private int filled;

    private long windows;
    private long toneWindows;
    private long silentWindows;
    private int lastToneHz;
    private double lastRms;
    private final Map<Integer, Long> toneCounts = new HashMap<>();

    /**
     * Feeds little-endian PCM16 samples; only the first channel of interleaved audio is analysed.
     *
     * @param frames samples per channel in {@code pcm}
     */
    public synchronized void accept(byte[] pcm, int frames, int channels, int rate) {
        if (rate != sampleRate) {
            sampleRate = rate;
            window = new double[rate * WINDOW_MS / 1000];
            filled = 0;
        }
        int stride = 2 * Math.max(1, channels);
        int available = Math.min(frames, pcm.length / stride);
        for (int i = 0; i < available; i++) {
            int at = i * stride;
            short sample = (short) ((pcm[at] & 0xFF) | (pcm[at + 1] << 8));
            window[filled++] = sample / 32768.0;
            if (filled == window.length) {
                analyse();
                filled = 0;
            }
        }
    }

    /** Convenience for mono PCM16 LE of any even length. */
    public void acceptMono(byte[] pcm, int rate) {
        accept(pcm, pcm.length / 2, 1, rate);
    }

    private void analyse() {
        windows++;
        double energy = 0;
        for (double x : window) {
            energy += x * x;
        }
        lastRms = Math.sqrt(energy / window.length);
        if (lastRms < MIN_RMS) {
            silentWindows++;
            return;
        }
        int estimate = (int) Math.round(zeroCrossings() * (double) sampleRate / (2.0 * window.length));
        int bestHz = 0;
        double bestPower = 0;
        int centre = Math.round(estimate / (float) BIN_HZ) * BIN_HZ;
        for (int hz = centre - 2 * BIN_HZ; hz <= centre + 2 * BIN_HZ; hz += BIN_HZ) {
            if (hz < MIN_HZ || hz >= sampleRate / 2) {
                continue;
            }
            double power = goertzel(hz);
            if (power > bestPower) {
                bestPower = power;
                bestHz = hz;
            }
        }
        // A sine of amplitude A over N samples has energy N·A²/2 and |X(f)|² = (N·A/2)² at its bin.
        double ratio = bestPower / (window.length * energy / 2);
        if (bestHz > 0 && ratio >= TONE_RATIO) {
            toneWindows++;
            lastToneHz = bestHz;
            toneCounts.merge(bestHz, 1L, Long::sum);
        }
    }

    private int zeroCrossings() {
        int crossings = 0;
        boolean positive = window[0] >= 0;
        for (int i = 1; i < window.length; i++) {
            boolean now = window[i] >= 0;
            if (now != positive) {
                crossings++;
                positive = now;
            }
        }
        return crossings;
    }

    /** |X(f)|² of the window at {@code hz}. */
    private double goertzel(int hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / sampleRate);
        double s1 = 0;
        double s2 = 0;
        for (double x : window) {
            double s = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }

    public synchronized View view() {
        Integer dominant = toneCounts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
        return new View(windows, toneWindows, silentWindows, dominant, lastToneHz == 0 ? null : lastToneHz,
                Math.round(lastRms * 10_000) / 10_000.0);
    }

    /**
     * What was heard so far.
     *
     * @param windows      100 ms windows analysed
     * @param toneWindows  windows that held a steady tone
     * @param silentWindows windows below the silence threshold
     * @param toneHz       the tone heard in most tone windows (null: none yet), to the nearest 10 Hz
     * @param lastToneHz   the tone of the latest tone window
     * @param lastRms      RMS level of the latest window (full scale = 1)
     */
    public record View(long windows, long toneWindows, long silentWindows, Integer toneHz, Integer lastToneHz,
            double lastRms) {

        public static final View NONE = new View(0, 0, 0, null, null, 0);
    }
}
