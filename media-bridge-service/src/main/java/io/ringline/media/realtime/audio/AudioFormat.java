package io.ringline.media.realtime.audio;

import io.ringline.platform.web.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The audio encodings a public realtime session may speak (SPEC §6.3): chosen when the session is created,
 * converted on the bridge to and from Evolution GO's PCM16 16 kHz.
 */
public enum AudioFormat {
    PCM16_16K(16_000, 2),
    PCM16_8K(8_000, 2),
    PCM16_24K(24_000, 2),
    MULAW_8K(8_000, 1);

    /** Evolution GO's own format (SPEC §6.3): PCM16 little-endian, mono, 16 kHz. */
    public static final AudioFormat UPSTREAM = PCM16_16K;

    private final int sampleRate;
    private final int bytesPerSample;

    AudioFormat(int sampleRate, int bytesPerSample) {
        this.sampleRate = sampleRate;
        this.bytesPerSample = bytesPerSample;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** Bytes of one second of audio in this format (mono). */
    public int bytesPerSecond() {
        return sampleRate * bytesPerSample;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param value null means {@code pcm16_16k}; @throws ApiException 400 INVALID_REQUEST naming {@code format} */
    public static AudioFormat parse(String value) {
        if (value == null) {
            return PCM16_16K;
        }
        return Arrays.stream(values()).filter(f -> f.wire().equals(value)).findFirst()
                .orElseThrow(() -> ApiException.invalid("format", "must be one of " + Arrays.stream(values())
                        .map(f -> "\"" + f.wire() + "\"").collect(Collectors.joining(", "))));
    }
}
