package io.ringline.media.play;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.media.support.FileServer;
import io.ringline.platform.net.GuardedAddressResolverGroup;
import io.ringline.platform.web.ApiException;
import io.ringline.testsupport.http.CountingTcpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The download with the network guard on (production settings), against a real local HTTP server. */
class AudioDownloaderTest {

    static final byte[] OGG = io.ringline.media.support.AudioFiles.oggOpus(100);
    static final FileServer FILES = new FileServer(Map.of("/a.ogg", FileServer.File.of("audio/ogg", OGG),
            "/slow.ogg", FileServer.File.silent()));
    static final GuardedAddressResolverGroup GUARD = GuardedAddressResolverGroup.overSystemDns();

    @AfterAll
    static void close() {
        FILES.close();
        GUARD.close();
    }

    @Test
    void withTheGuardOnALoopbackAddressIsRefusedBeforeAnyRequest() {
        AudioDownloader guarded = new AudioDownloader(GUARD, 1024, Duration.ofSeconds(5));
        int requestsBefore = FILES.requests.get();
        StepVerifier.create(guarded.download(new MediaUrl(java.net.URI.create(FILES.url("/a.ogg")))))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ApiException.class);
                    ApiException api = (ApiException) e;
                    assertThat(api.status().value()).isEqualTo(400);
                    assertThat(api.details()).containsEntry("field", "mediaUrl");
                    // the same words as a host that does not answer: nothing about where the name leads
                    assertThat(api.details()).containsEntry("problem", AudioDownloader.UNREACHABLE);
                    assertThat(api.getMessage()).doesNotContain("127.0.0.1").doesNotContain("loopback");
                })
                .verify(Duration.ofSeconds(10));
        assertThat(FILES.requests.get()).isEqualTo(requestsBefore);
    }

    @Test
    void aClosedPortAndAGuardRefusedHostReadTheSame() {
        AudioDownloader open = new AudioDownloader(null, 1024, Duration.ofSeconds(5));
        AudioDownloader guarded = new AudioDownloader(GUARD, 1024, Duration.ofSeconds(5));
        ApiException closed = failure(open.download(new MediaUrl(java.net.URI.create(
                "http://127.0.0.1:" + CountingTcpServer.closedPort() + "/a.ogg"))));
        ApiException refused = failure(guarded.download(new MediaUrl(java.net.URI.create(FILES.url("/a.ogg")))));

        assertThat(refused.status()).isEqualTo(closed.status());
        assertThat(refused.code()).isEqualTo(closed.code());
        assertThat(refused.getMessage()).isEqualTo(closed.getMessage());
        assertThat(refused.details()).isEqualTo(closed.details());
    }

    private static ApiException failure(reactor.core.publisher.Mono<?> download) {
        try {
            download.block(Duration.ofSeconds(10));
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("the download succeeded");
    }

    @Test
    void aServerThatNeverAnswersTimesOutAs400() {
        AudioDownloader open = new AudioDownloader(null, 1024, Duration.ofMillis(300));
        StepVerifier.create(open.download(new MediaUrl(java.net.URI.create(FILES.url("/slow.ogg")))))
                .expectErrorSatisfies(e -> assertThat(((ApiException) e).details())
                        .containsEntry("field", "mediaUrl")
                        .hasEntrySatisfying("problem", p -> assertThat((String) p).contains("timed out")))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void withoutTheGuardTheSameFileDownloads() {
        AudioDownloader open = new AudioDownloader(null, 1024, Duration.ofSeconds(5));
        StepVerifier.create(open.download(new MediaUrl(java.net.URI.create(FILES.url("/a.ogg")))))
                .assertNext(audio -> {
                    assertThat(audio.bytes()).isEqualTo(OGG);
                    assertThat(audio.type()).isEqualTo(AudioType.OGG);
                })
                .verifyComplete();
    }
}
