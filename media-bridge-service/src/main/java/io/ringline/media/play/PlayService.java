package io.ringline.media.play;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.media.config.MediaProperties;
import io.ringline.media.evogo.EvoGoMediaClient;
import io.ringline.media.evogo.NumberContextJson;
import io.ringline.platform.net.GuardedAddressResolverGroup;
import io.ringline.platform.web.ApiException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Plays a tenant's audio file into a live EVO_GO call: validate the URL, download it through the guard,
 * hand the bytes to Evolution GO. Counts {@code ringline.media.play{outcome}}: {@code played},
 * {@code rejected} (the URL or the file), {@code provider_error}.
 */
@Service
public class PlayService implements DisposableBean {

    /** What was sent to GO, for the caller. */
    public record Played(int bytes, String contentType) {
    }

    private final EvoGoMediaClient provider;
    private final MeterRegistry meters;
    private final boolean allowPrivateNetworks;
    private final GuardedAddressResolverGroup guard;
    private final AudioDownloader downloader;

    public PlayService(EvoGoMediaClient provider, MeterRegistry meters, MediaProperties props) {
        this.provider = provider;
        this.meters = meters;
        this.allowPrivateNetworks = props.allowPrivateNetworks();
        this.guard = props.allowPrivateNetworks() ? null : GuardedAddressResolverGroup.overSystemDns();
        this.downloader = new AudioDownloader(guard, props.download().maxSize().toBytes(), props.download().timeout());
    }

    public Mono<Played> play(String mediaUrl, String externalCallId, NumberContextJson number) {
        return Mono.fromCallable(() -> {
                    if (externalCallId == null || externalCallId.isBlank()) {
                        throw ApiException.invalid("externalCallId", "is required");
                    }
                    return MediaUrl.parse(mediaUrl, allowPrivateNetworks);
                })
                .flatMap(downloader::download)
                .doOnError(e -> count("rejected"))
                .flatMap(audio -> provider.play(number, externalCallId, audio.bytes(), audio.type().providerType())
                        .doOnError(e -> count("provider_error"))
                        .thenReturn(new Played(audio.bytes().length, audio.type().providerType().toString())))
                .doOnNext(played -> count("played"));
    }

    private void count(String outcome) {
        meters.counter("ringline.media.play", "outcome", outcome).increment();
    }

    @Override
    public void destroy() {
        if (guard != null) {
            guard.close();
        }
    }
}
