package io.ringline.media.realtime.audio;

/**
 * A streaming sample-rate converter for a rational ratio {@code up/down} (16 kHz ↔ 8 kHz, 16 kHz ↔ 24 kHz):
 * a polyphase FIR — conceptually zero-stuff by {@code up}, low-pass, keep every {@code down}-th sample — whose
 * prototype is a Kaiser-windowed sinc cut at the lower rate's Nyquist frequency, designed for 70 dB stop-band
 * attenuation with a pass band up to 85 % of that Nyquist frequency. State (the last input samples) carries over
 * from one call to the next, so consecutive 20 ms frames convert as one continuous signal, without clicks at
 * frame edges. Not thread-safe: one instance per stream direction. Why hand-written: docs/decisions.md.
 */
final class Resampler {

    static final double STOP_BAND_DB = 70;
    static final double PASS_BAND = 0.85;

    private final int up;
    private final int down;
    private final int tapsPerPhase;
    /** {@code phases[p][k]} = up × h[p + k·up]: the coefficients of output phase p, newest input first. */
    private final float[][] phases;
    private float[] buffer = new float[1024];
    /** Global index of {@code buffer[0]}. */
    private long bufferStart;
    private int buffered;
    /** Global index of the next input sample. */
    private long inputs;
    /** Global index of the next output sample. */
    private long outputs;

    public Resampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive");
        }
        int gcd = gcd(fromRate, toRate);
        this.up = toRate / gcd;
        this.down = fromRate / gcd;
        double upsampledRate = (double) fromRate * up;
        double nyquist = Math.min(fromRate, toRate) / 2.0;
        double transition = 2 * nyquist * (1 - PASS_BAND) / upsampledRate; // normalised to the upsampled rate
        int length = (int) Math.ceil((STOP_BAND_DB - 7.95) / (14.36 * transition)) + 1;
        this.tapsPerPhase = (length + up - 1) / up;
        this.phases = design(up, tapsPerPhase, nyquist / upsampledRate);
    }

    /** A whole-sample ratio this converter runs at, e.g. 2/1 for 8 kHz → 16 kHz. */
    public int up() {
        return up;
    }

    public int down() {
        return down;
    }

    /** Converts the next stretch of the stream; returns as many output samples as the input so far allows. */
    public short[] process(short[] in) {
        append(in);
        int count = (int) Math.max(0, ((inputs * up - 1) / down) + 1 - outputs); // outputs whose newest input arrived
        if (inputs == 0) {
            count = 0;
        }
        short[] out = new short[count];
        for (int n = 0; n < count; n++) {
            long t = outputs * down;
            int phase = (int) (t % up);
            long newest = t / up;
            float[] h = phases[phase];
            double acc = 0;
            for (int k = 0; k < tapsPerPhase; k++) {
                long i = newest - k;
                if (i < bufferStart) {
                    break; // before the stream began (zeros), or dropped history (never needed again)
                }
                acc += h[k] * buffer[(int) (i - bufferStart)];
            }
            out[n] = clip(acc);
            outputs++;
        }
        discardHistory();
        return out;
    }

    private void append(short[] in) {
        if (buffered + in.length > buffer.length) {
            float[] bigger = new float[Math.max(buffer.length * 2, buffered + in.length)];
            System.arraycopy(buffer, 0, bigger, 0, buffered);
            buffer = bigger;
        }
        for (short s : in) {
            buffer[buffered++] = s;
        }
        inputs += in.length;
    }

    /** Keeps only the inputs the next output can still need. */
    private void discardHistory() {
        long oldestNeeded = Math.max(0, (outputs * down) / up - (tapsPerPhase - 1));
        int drop = (int) Math.max(0, Math.min(buffered, oldestNeeded - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
            buffered -= drop;
            bufferStart += drop;
        }
    }

    private static float[][] design(int up, int tapsPerPhase, double cutoff) {
        int length = up * tapsPerPhase;
        double beta = 0.1102 * (STOP_BAND_DB - 8.7);
        double centre = (length - 1) / 2.0;
        double i0Beta = besselI0(beta);
        double[] h = new double[length];
        for (int n = 0; n < length; n++) {
            double x = n - centre;
            double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            double r = 2.0 * n / (length - 1) - 1;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            h[n] = sinc * window;
        }
        // Each output phase sums to exactly 1 (unity gain at DC), whatever the rounding of the design.
        float[][] phases = new float[up][tapsPerPhase];
        for (int p = 0; p < up; p++) {
            double sum = 0;
            for (int k = 0; k < tapsPerPhase; k++) {
                sum += h[p + k * up];
            }
            for (int k = 0; k < tapsPerPhase; k++) {
                phases[p][k] = (float) (h[p + k * up] / sum);
            }
        }
        return phases;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static short clip(double value) {
        long rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
