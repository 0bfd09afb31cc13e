package io.ringline.media.play;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.media.config.AddressGuard;
import io.ringline.media.config.MediaProperties;
import io.ringline.media.evogo.EvoGoMediaClient;
import io.ringline.media.evogo.NumberContextJson;
import io.ringline.platform.web.ApiException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Plays a tenant's audio file into a live EVO_GO call: validate the URL, download it through the guard,
 * hand the bytes to Evolution GO (or, for the GO layer, take bytes the caller uploaded). Counts {@code ringline.media.play{outcome}}: {@code played},
 * {@code rejected} (the URL or the file), {@code provider_error}.
 */
@Service
public class PlayService {

    /** What was sent to GO, for the caller. */
    public record Played(int bytes, String contentType) {
    }

    private final EvoGoMediaClient provider;
    private final MeterRegistry meters;
    private final boolean allowPrivateNetworks;
    private final AudioDownloader downloader;
    private final long maxBytes;

    public PlayService(EvoGoMediaClient provider, MeterRegistry meters, MediaProperties props, AddressGuard guard) {
        this.provider = provider;
        this.meters = meters;
        this.allowPrivateNetworks = props.allowPrivateNetworks();
        this.maxBytes = props.download().maxSize().toBytes();
        this.downloader = new AudioDownloader(guard.group().orElse(null), maxBytes, props.download().timeout());
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

    /**
     * Plays audio the caller uploaded (the GO compatibility layer's {@code media/play}): the same type rules as a
     * download, refusals name {@code body}.
     */
    public Mono<Played> playUpload(byte[] audio, String contentType, String externalCallId, NumberContextJson number) {
        return Mono.fromCallable(() -> {
                    if (externalCallId == null || externalCallId.isBlank()) {
                        throw ApiException.invalid("externalCallId", "is required");
                    }
                    if (audio.length > maxBytes) {
                        throw ApiException.invalid("body", "the audio is larger than " + maxBytes + " bytes");
                    }
                    return AudioType.of(contentType, audio).orElseThrow(() ->
                            ApiException.invalid("body", AudioType.problem("the uploaded audio", contentType, audio)));
                })
                .doOnError(e -> count("rejected"))
                .flatMap(type -> provider.play(number, externalCallId, audio, type.providerType())
                        .doOnError(e -> count("provider_error"))
                        .thenReturn(new Played(audio.length, type.providerType().toString())))
                .doOnNext(played -> count("played"));
    }

    public long maxBytes() {
        return maxBytes;
    }

    private void count(String outcome) {
        meters.counter("ringline.media.play", "outcome", outcome).increment();
    }
}
