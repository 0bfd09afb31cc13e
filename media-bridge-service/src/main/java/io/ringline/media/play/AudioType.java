package io.ringline.media.play;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;

/**
 * The audio formats {@code /play} accepts, recognised by their bytes (never by a URL's extension): MP3 (an
 * {@code ID3} tag or an MPEG audio frame sync), WAV ({@code RIFF…WAVE}) and Ogg Opus ({@code OggS} whose first
 * packet is {@code OpusHead}); which declared content types name each one, and the content type Evolution GO is
 * given (GO takes audio/mpeg, audio/wav and audio/ogg).
 */
enum AudioType {
    MPEG(Set.of("audio/mpeg", "audio/mp3"), "audio/mpeg"),
    WAV(Set.of("audio/wav", "audio/x-wav", "audio/wave"), "audio/wav"),
    OGG(Set.of("audio/ogg", "audio/opus"), "audio/ogg");

    private static final Set<String> UNLABELLED = Set.of("", "application/octet-stream", "binary/octet-stream");

    private final Set<String> declaredTypes;
    private final MediaType providerType;

    AudioType(Set<String> declaredTypes, String providerType) {
        this.declaredTypes = declaredTypes;
        this.providerType = MediaType.parseMediaType(providerType);
    }

    public MediaType providerType() {
        return providerType;
    }

    /**
     * The type of a downloaded file: the bytes must look like audio, and a declared audio type must agree
     * with them. Empty when the file is not acceptable; {@code problem} says why.
     */
    public static Optional<AudioType> of(String declaredContentType, byte[] bytes) {
        Optional<AudioType> sniffed = sniff(bytes);
        String declared = declaredContentType == null ? ""
                : declaredContentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (UNLABELLED.contains(declared)) {
            return sniffed;
        }
        return sniffed.filter(type -> type.declaredTypes.contains(declared));
    }

    /** Why {@link #of} refused: for the caller's {@code details.problem}. */
    public static String problem(String declaredContentType, byte[] bytes) {
        return problem("the file at mediaUrl", declaredContentType, bytes);
    }

    /** @param subject what the bytes are, as the caller knows them ("the uploaded audio") */
    public static String problem(String subject, String declaredContentType, byte[] bytes) {
        Optional<AudioType> sniffed = sniff(bytes);
        if (sniffed.isEmpty()) {
            return subject + " is not mp3, wav or ogg/opus audio by its content (content type "
                    + (declaredContentType == null ? "none" : declaredContentType) + ")";
        }
        return subject + " is declared as " + declaredContentType + " but its content is " + sniffed.get().providerType;
    }

    static Optional<AudioType> sniff(byte[] b) {
        if (startsWith(b, "ID3") || (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0)) {
            return Optional.of(MPEG);
        }
        if (startsWith(b, "RIFF") && b.length >= 12
                && Arrays.equals(Arrays.copyOfRange(b, 8, 12), "WAVE".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(WAV);
        }
        if (startsWith(b, "OggS") && isOpusHead(b)) {
            return Optional.of(OGG);
        }
        return Optional.empty();
    }

    /** The first Ogg page's first packet starts after the 27-byte header and its lacing values. */
    private static boolean isOpusHead(byte[] b) {
        if (b.length < 27) {
            return false;
        }
        int packet = 27 + (b[26] & 0xFF);
        byte[] magic = "OpusHead".getBytes(StandardCharsets.US_ASCII);
        return b.length >= packet + magic.length
                && Arrays.equals(Arrays.copyOfRange(b, packet, packet + magic.length), magic);
    }

    private static boolean startsWith(byte[] bytes, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= m.length && Arrays.equals(Arrays.copyOf(bytes, m.length), m);
    }
}
