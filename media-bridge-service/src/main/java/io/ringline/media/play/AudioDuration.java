package io.ringline.media.play;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a file plays, read from its own bytes: WAV from its {@code fmt } byte rate and {@code data} size, MP3
 * by walking its frame headers (bitrate, sample rate, padding; VBR files included), Ogg Opus from the last page's
 * granule position minus the pre-skip (48 kHz). Evolution GO answers a play only with "queued", so this is how
 * the bridge knows when a play has finished and the next in the call's queue may start. Empty when the bytes do
 * not say (a truncated or malformed file).
 */
final class AudioDuration {

    private static final int[][] MP3_BITRATES = { // kbit/s by [MPEG-1 ? 0 : 1][index], layer III
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0}};
    private static final int[][] MP3_RATES = {{44_100, 48_000, 32_000}, {22_050, 24_000, 16_000},
            {11_025, 12_000, 8_000}};

    private AudioDuration() {
    }

    public static Optional<Duration> of(AudioType type, byte[] bytes) {
        try {
            return switch (type) {
                case WAV -> wav(bytes);
                case MPEG -> mp3(bytes);
                case OGG -> oggOpus(bytes);
            };
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    static Optional<Duration> wav(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long byteRate = -1;
        int at = 12;
        while (at + 8 <= b.length) {
            String id = new String(b, at, 4, StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(buf.getInt(at + 4));
            if (id.equals("fmt ")) {
                byteRate = Integer.toUnsignedLong(buf.getInt(at + 16));
            } else if (id.equals("data") && byteRate > 0) {
                long data = Math.min(size, b.length - (at + 8L)); // a streamed WAV may declare 0xFFFFFFFF
                return Optional.of(Duration.ofNanos(data * 1_000_000_000L / byteRate));
            }
            at += 8 + (int) size + (int) (size & 1);
        }
        return Optional.empty();
    }

    static Optional<Duration> mp3(byte[] b) {
        int at = 0;
        if (b.length >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') { // ID3v2: 10-byte header + syncsafe size
            at = 10 + ((b[6] & 0x7F) << 21 | (b[7] & 0x7F) << 14 | (b[8] & 0x7F) << 7 | (b[9] & 0x7F));
        }
        long nanos = 0;
        int frames = 0;
        while (at + 4 <= b.length) {
            int h1 = b[at + 1] & 0xFF, h2 = b[at + 2] & 0xFF;
            if ((b[at] & 0xFF) != 0xFF || (h1 & 0xE0) != 0xE0) {
                break; // end of the audio frames (a trailing ID3v1 tag, or garbage)
            }
            int version = (h1 >> 3) & 0x3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
            int layer = (h1 >> 1) & 0x3; // 1 = layer III
            int bitrateIndex = h2 >> 4, rateIndex = (h2 >> 2) & 0x3, padding = (h2 >> 1) & 0x1;
            if (version == 1 || layer != 1 || rateIndex == 3 || bitrateIndex == 0 || bitrateIndex == 15) {
                break;
            }
            boolean mpeg1 = version == 3;
            int bitrate = MP3_BITRATES[mpeg1 ? 0 : 1][bitrateIndex] * 1000;
            int rate = MP3_RATES[mpeg1 ? 0 : version == 2 ? 1 : 2][rateIndex];
            int samples = mpeg1 ? 1152 : 576;
            int length = (samples / 8) * bitrate / rate + padding;
            nanos += samples * 1_000_000_000L / rate;
            frames++;
            at += length;
        }
        return frames == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    static Optional<Duration> oggOpus(byte[] b) {
        int preSkip = -1;
        long lastGranule = -1;
        int at = 0;
        while (at + 27 <= b.length && b[at] == 'O' && b[at + 1] == 'g' && b[at + 2] == 'g' && b[at + 3] == 'S') {
            long granule = ByteBuffer.wrap(b, at + 6, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            int segments = b[at + 26] & 0xFF;
            int body = 0;
            for (int i = 0; i < segments; i++) {
                body += b[at + 27 + i] & 0xFF;
            }
            int payload = at + 27 + segments;
            if (preSkip < 0 && payload + 12 <= b.length) { // OpusHead: magic(8) version(1) channels(1) pre-skip(2)
                preSkip = (b[payload + 10] & 0xFF) | (b[payload + 11] & 0xFF) << 8;
            }
            if (granule >= 0) {
                lastGranule = granule;
            }
            at = payload + body;
        }
        if (preSkip < 0 || lastGranule <= preSkip) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((lastGranule - preSkip) * 1_000_000_000L / 48_000));
    }
}
