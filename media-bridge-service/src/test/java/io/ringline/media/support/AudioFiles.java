package io.ringline.media.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Small but well-formed audio files for tests, built byte by byte: what {@code /play} recognises (by content) and
 * how long each plays is decided by these headers, not by a file name.
 */
public final class AudioFiles {

    private AudioFiles() {
    }

    /** PCM16 mono WAV of {@code millis} of silence at {@code rate}. */
    public static byte[] wav(int millis, int rate) {
        int data = rate * 2 * millis / 1000;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + data).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt(data);
        return b.array();
    }

    /**
     * An MP3 of {@code frames} MPEG-1 layer III frames at 128 kbit/s, 44.1 kHz (each 1152 samples ≈ 26.12 ms), after
     * an ID3v2 tag; frame bodies are zero (silence is all a duration check needs).
     */
    public static byte[] mp3(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 10});
        out.writeBytes(new byte[10]); // the 10-byte tag body the header announced
        int length = 144 * 128_000 / 44_100; // 417 bytes, no padding
        for (int i = 0; i < frames; i++) {
            byte[] frame = new byte[length];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB; // MPEG-1, layer III, no CRC
            frame[2] = (byte) 0x90; // 128 kbit/s, 44.1 kHz, no padding
            frame[3] = (byte) 0x64;
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** MP3 duration of {@link #mp3(int)}, in nanoseconds. */
    public static long mp3Nanos(int frames) {
        return frames * (1152 * 1_000_000_000L / 44_100);
    }

    /**
     * An Ogg Opus file whose pages say it plays {@code millis}: OpusHead (pre-skip 312), OpusTags, and one audio page
     * whose granule position is pre-skip + 48 kHz samples.
     */
    public static byte[] oggOpus(int millis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put(ascii("OpusHead")).put((byte) 1).put((byte) 1).putShort((short) 312).putInt(48_000).putShort((short) 0)
                .put((byte) 0);
        out.writeBytes(page(0, 2, 0, head.array()));
        out.writeBytes(page(0, 0, 1, ascii("OpusTags\0\0\0\0\0\0\0\0")));
        out.writeBytes(page(312L + 48L * millis, 4, 2, new byte[40]));
        return out.toByteArray();
    }

    /** Ogg Vorbis's first page: Ogg, but not Opus. */
    public static byte[] oggVorbis() {
        return page(0, 2, 0, ascii("\u0001vorbis\0\0\0\0\u0001"));
    }

    private static byte[] page(long granule, int flags, int sequence, byte[] packet) {
        ByteBuffer b = ByteBuffer.allocate(28 + packet.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("OggS")).put((byte) 0).put((byte) flags).putLong(granule).putInt(1).putInt(sequence).putInt(0)
                .put((byte) 1).put((byte) packet.length).put(packet);
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
