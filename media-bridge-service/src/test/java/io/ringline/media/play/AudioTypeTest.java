package io.ringline.media.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Declared content type × what the bytes look like → the type sent to GO, or refused. Ogg counts only as Ogg Opus
 * (its first packet {@code OpusHead}).
 */
class AudioTypeTest {

    @ParameterizedTest(name = "{0} with {1} bytes → {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            audio/mpeg                | ID3    | audio/mpeg
            audio/mpeg                | FRAME  | audio/mpeg
            audio/mp3                 | ID3    | audio/mpeg
            audio/wav                 | WAVE   | audio/wav
            audio/x-wav               | WAVE   | audio/wav
            audio/wave; codecs=1      | WAVE   | audio/wav
            audio/ogg                 | OGG    | audio/ogg
            audio/opus                | OGG    | audio/ogg
            AUDIO/OGG                 | OGG    | audio/ogg
            application/octet-stream  | OGG    | audio/ogg
            NULL                      | WAVE   | audio/wav
            audio/mpeg                | WAVE   | REFUSED
            audio/ogg                 | ID3    | REFUSED
            text/html                 | ID3    | REFUSED
            text/html                 | HTML   | REFUSED
            audio/mpeg                | HTML   | REFUSED
            NULL                      | HTML   | REFUSED
            video/mp4                 | OGG    | REFUSED
            audio/ogg                 | VORBIS | REFUSED
            NULL                      | VORBIS | REFUSED
            """)
    void row(String declared, String content, String expected) {
        byte[] bytes = switch (content) {
            case "ID3" -> bytes("ID3\u0004\u0000");
            case "FRAME" -> new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64};
            case "WAVE" -> bytes("RIFF\u0024\u0000\u0000\u0000WAVEfmt ");
            case "OGG" -> io.ringline.media.support.AudioFiles.oggOpus(100);
            case "VORBIS" -> io.ringline.media.support.AudioFiles.oggVorbis();
            default -> bytes("<!doctype html><html>");
        };
        var type = AudioType.of(declared, bytes);
        if (expected.equals("REFUSED")) {
            assertThat(type).isEmpty();
            assertThat(AudioType.problem(declared, bytes)).startsWith("the file at mediaUrl");
        } else {
            assertThat(type).map(t -> t.providerType().toString()).contains(expected);
        }
    }

    private static byte[] bytes(String text) {
        return Arrays.copyOf(text.getBytes(StandardCharsets.ISO_8859_1), text.length());
    }
}
