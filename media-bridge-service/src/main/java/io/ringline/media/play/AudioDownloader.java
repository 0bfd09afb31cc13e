package io.ringline.media.play;

import io.netty.channel.ChannelOption;
import io.ringline.platform.web.BodyBytes;
import io.ringline.platform.net.DestinationRefusedException;
import io.ringline.platform.net.GuardedAddressResolverGroup;
import io.ringline.platform.web.ApiException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Fetches a tenant's media file without letting the URL reach inside our network: every address is checked
 * at connect time (the guard, unless the development switch is on), redirects are refused rather than
 * followed, the size is capped while streaming and the whole download is bounded in time. Every failure is
 * the caller's: {@code 400 INVALID_REQUEST} with {@code details.problem}.
 */
final class AudioDownloader {

    /** A downloaded file that is acceptable audio. */
    public record Audio(byte[] bytes, AudioType type) {
    }

    static final String UNREACHABLE = "the media URL could not be reached";
    private static final Logger log = LoggerFactory.getLogger(AudioDownloader.class);

    private final WebClient web;
    private final long maxBytes;
    private final Duration timeout;

    /** @param guard the network guard; null only with the development switch that allows private networks */
    public AudioDownloader(GuardedAddressResolverGroup guard, long maxBytes, Duration timeout) {
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .responseTimeout(timeout)
                .followRedirect(false) // a redirect could point anywhere, including inside our network
                .compress(false);
        if (guard != null) {
            http = http.resolver(guard);
        }
        this.web = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    public Mono<Audio> download(MediaUrl url) {
        return web.get().uri(url.uri())
                .exchangeToMono(this::read)
                .timeout(timeout)
                .onErrorMap(e -> !(e instanceof ApiException), e -> refused(problem(e)));
    }

    private Mono<Audio> read(ClientResponse response) {
        int status = response.statusCode().value();
        if (response.statusCode().is3xxRedirection()) {
            return response.releaseBody().then(Mono.error(refused("the media URL redirects (HTTP " + status
                    + "); redirects are not followed")));
        }
        if (!response.statusCode().is2xxSuccessful()) {
            return response.releaseBody().then(Mono.error(refused("downloading the media URL failed with HTTP "
                    + status)));
        }
        long declaredLength = response.headers().contentLength().orElse(-1);
        if (declaredLength > maxBytes) {
            return response.releaseBody().then(Mono.error(tooLarge()));
        }
        String contentType = response.headers().asHttpHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        return BodyBytes.read(response.bodyToFlux(DataBuffer.class), maxBytes)
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                .map(bytes -> AudioType.of(contentType, bytes)
                        .map(type -> new Audio(bytes, type))
                        .orElseThrow(() -> refused(AudioType.problem(contentType, bytes))));
    }

    private ApiException tooLarge() {
        return refused("the media file is larger than " + maxBytes + " bytes");
    }

    /**
     * A destination the guard refuses reads exactly like one that does not answer, and no exception text
     * reaches the tenant: otherwise the answer would tell which names resolve inside our network and which
     * ports are open. Operators get the detail in the log.
     */
    private static String problem(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return "downloading the media URL timed out";
            }
            if (cause instanceof DestinationRefusedException refused) {
                log.warn("media download refused by the address guard: {}", refused.getMessage());
                return UNREACHABLE;
            }
        }
        log.warn("media download failed: {}", e.toString());
        return UNREACHABLE;
    }

    private static ApiException refused(String problem) {
        return ApiException.invalid(MediaUrl.FIELD, problem);
    }
}
