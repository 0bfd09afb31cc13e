package io.ringline.media.realtime.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The quality the bridge's format conversion keeps (docs/api.md "Formats"): a 1 kHz tone at -6 dBFS is sent
 * through each round trip in 20 ms frames, as a session would, and its SINAD (signal to noise-and-distortion, by
 * least-squares fit of the tone) is measured on the settled part. The floors asserted are the documented ones.
 */
class ConversionQualityTest {

    /** Documented floors (docs/api.md): resampling round trips, and G.711 μ-law (its own quantisation bound). */
    static final double RESAMPLING_FLOOR_DB = 60;
    static final double MULAW_FLOOR_DB = 35;

    @Test
    void sixteenToEightToSixteenKeepsTheToneClean() {
        assertThat(roundTrip(AudioFormat.PCM16_8K)).isGreaterThan(RESAMPLING_FLOOR_DB);
    }

    @Test
    void sixteenToTwentyFourToSixteenKeepsTheToneClean() {
        assertThat(roundTrip(AudioFormat.PCM16_24K)).isGreaterThan(RESAMPLING_FLOOR_DB);
    }

    @Test
    void muLawRoundTripStaysAboveTheG711Floor() {
        assertThat(roundTrip(AudioFormat.MULAW_8K)).isGreaterThan(MULAW_FLOOR_DB);
    }

    @Test
    void pcm16At16kPassesThroughUntouched() {
        byte[] frame = AudioConverter.encode(AudioFormat.PCM16_16K, tone(1000, 16_000, 320, 0.5));
        assertThat(AudioConverter.toClient(AudioFormat.PCM16_16K).convert(frame)).isSameAs(frame);
    }

    @Test
    void conversionKeepsTheToneLevel() {
        short[] out = run(tone(1000, 16_000, 16_000, 0.5), AudioConverter.toClient(AudioFormat.PCM16_24K), 320,
                AudioFormat.PCM16_16K, AudioFormat.PCM16_24K);
        double amplitude = fit(settled(out, 24_000), 1000, 24_000)[0];
        assertThat(20 * Math.log10(amplitude / (0.5 * Short.MAX_VALUE))).isBetween(-0.1, 0.1);
    }

    @Test
    void aToneAboveTheNewNyquistIsFilteredNotFoldedBack() {
        // 6 kHz at 16 kHz would alias to 2 kHz at 8 kHz without the low-pass filter.
        short[] out = run(tone(6000, 16_000, 16_000, 0.5), AudioConverter.toClient(AudioFormat.PCM16_8K), 320,
                AudioFormat.PCM16_16K, AudioFormat.PCM16_8K);
        double alias = fit(settled(out, 8_000), 2000, 8_000)[0];
        assertThat(20 * Math.log10(alias / (0.5 * Short.MAX_VALUE))).isLessThan(-60);
    }

    @Test
    void framesConvertLikeOneContinuousSignal() {
        short[] input = tone(1000, 16_000, 3200, 0.5);
        short[] whole = new Resampler(16_000, 24_000).process(input);
        Resampler framed = new Resampler(16_000, 24_000);
        short[] pieces = new short[0];
        for (int from = 0; from < input.length; from += 123) {
            short[] out = framed.process(Arrays.copyOfRange(input, from, Math.min(input.length, from + 123)));
            pieces = concat(pieces, out);
        }
        assertThat(pieces).isEqualTo(whole);
        assertThat(whole).hasSize(4800);
    }

    @Test
    void muLawMatchesG711ReferenceValues() {
        assertThat(MuLaw.encode((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(MuLaw.decode((byte) 0xFF)).isZero();
        assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(MuLaw.encode(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(MuLaw.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
        for (int code = 0; code < 256; code++) { // every code decodes to a value that encodes back to it
            byte b = (byte) code;
            if (code == 0x7F) {
                continue; // -0 and +0 (0x7F, 0xFF) both decode to 0, which encodes as +0
            }
            assertThat(MuLaw.encode(MuLaw.decode(b))).as("code %02x", code).isEqualTo(b);
        }
    }

    /** 16 kHz → client format → 16 kHz, in 20 ms frames; returns the SINAD in dB. */
    private static double roundTrip(AudioFormat client) {
        short[] input = tone(1000, 16_000, 16_000, 0.5);
        short[] there = run(input, AudioConverter.toClient(client), 320, AudioFormat.PCM16_16K, client);
        short[] back = run(there, AudioConverter.fromClient(client), client.sampleRate() / 50, client,
                AudioFormat.PCM16_16K);
        short[] settled = settled(back, 16_000);
        double[] fit = fit(settled, 1000, 16_000);
        return sinadDb(settled, fit, 1000, 16_000);
    }

    private static short[] run(short[] input, AudioConverter converter, int frameSamples, AudioFormat in,
            AudioFormat out) {
        byte[] all = new byte[0];
        for (int from = 0; from < input.length; from += frameSamples) {
            short[] frame = Arrays.copyOfRange(input, from, Math.min(input.length, from + frameSamples));
            byte[] converted = converter.convert(AudioConverter.encode(in, frame));
            byte[] joined = Arrays.copyOf(all, all.length + converted.length);
            System.arraycopy(converted, 0, joined, all.length, converted.length);
            all = joined;
        }
        return AudioConverter.decode(out, all);
    }

    /** Drops the first and last 100 ms (filter start-up and the tail still inside the filter). */
    private static short[] settled(short[] samples, int rate) {
        return Arrays.copyOfRange(samples, rate / 10, samples.length - rate / 10);
    }

    static short[] tone(double frequency, int rate, int samples, double level) {
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            out[n] = (short) Math.round(level * Short.MAX_VALUE * Math.sin(2 * Math.PI * frequency * n / rate));
        }
        return out;
    }

    /** Least-squares fit of a·sin + b·cos + c at the frequency; returns {amplitude, a, b, c}. */
    static double[] fit(short[] x, double frequency, int rate) {
        double ss = 0, cc = 0, sc = 0, s1 = 0, c1 = 0, xs = 0, xc = 0, x1 = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double s = Math.sin(2 * Math.PI * frequency * i / rate);
            double c = Math.cos(2 * Math.PI * frequency * i / rate);
            ss += s * s; cc += c * c; sc += s * c; s1 += s; c1 += c;
            xs += x[i] * s; xc += x[i] * c; x1 += x[i];
        }
        double[][] m = {{ss, sc, s1, xs}, {sc, cc, c1, xc}, {s1, c1, n, x1}};
        for (int col = 0; col < 3; col++) { // Gauss-Jordan on the 3×3 normal equations
            for (int row = 0; row < 3; row++) {
                if (row != col) {
                    double f = m[row][col] / m[col][col];
                    for (int k = col; k < 4; k++) {
                        m[row][k] -= f * m[col][k];
                    }
                }
            }
        }
        double a = m[0][3] / m[0][0], b = m[1][3] / m[1][1], c = m[2][3] / m[2][2];
        return new double[] {Math.hypot(a, b), a, b, c};
    }

    private static double sinadDb(short[] x, double[] fit, double frequency, int rate) {
        double signal = 0, noise = 0;
        for (int i = 0; i < x.length; i++) {
            double model = fit[1] * Math.sin(2 * Math.PI * frequency * i / rate)
                    + fit[2] * Math.cos(2 * Math.PI * frequency * i / rate) + fit[3];
            signal += model * model;
            noise += (x[i] - model) * (x[i] - model);
        }
        return 10 * Math.log10(signal / noise);
    }

    private static short[] concat(short[] a, short[] b) {
        short[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
