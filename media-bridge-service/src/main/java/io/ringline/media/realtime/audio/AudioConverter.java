package io.ringline.media.realtime.audio;

/**
 * One direction of a session's audio, between Evolution GO's PCM16 16 kHz and the client's format: decode,
 * resample (a stateful {@link Resampler}, so frames join without clicks), encode. For {@code pcm16_16k} it passes
 * bytes through untouched. Not thread-safe: one instance per direction of one session.
 */
public final class AudioConverter {

    private final AudioFormat from;
    private final AudioFormat to;
    private final Resampler resampler;

    private AudioConverter(AudioFormat from, AudioFormat to) {
        this.from = from;
        this.to = to;
        this.resampler = from.sampleRate() == to.sampleRate() ? null : new Resampler(from.sampleRate(), to.sampleRate());
    }

    /** GO → client. */
    public static AudioConverter toClient(AudioFormat client) {
        return new AudioConverter(AudioFormat.UPSTREAM, client);
    }

    /** Client → GO. */
    public static AudioConverter fromClient(AudioFormat client) {
        return new AudioConverter(client, AudioFormat.UPSTREAM);
    }

    /** @param bytes whole samples of {@code from} (the caller checks the length) */
    public byte[] convert(byte[] bytes) {
        if (from == to) {
            return bytes;
        }
        short[] samples = decode(from, bytes);
        if (resampler != null) {
            samples = resampler.process(samples);
        }
        return encode(to, samples);
    }

    static short[] decode(AudioFormat format, byte[] bytes) {
        if (format == AudioFormat.MULAW_8K) {
            short[] samples = new short[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                samples[i] = MuLaw.decode(bytes[i]);
            }
            return samples;
        }
        short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        return samples;
    }

    static byte[] encode(AudioFormat format, short[] samples) {
        if (format == AudioFormat.MULAW_8K) {
            byte[] bytes = new byte[samples.length];
            for (int i = 0; i < samples.length; i++) {
                bytes[i] = MuLaw.encode(samples[i]);
            }
            return bytes;
        }
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return bytes;
    }
}
