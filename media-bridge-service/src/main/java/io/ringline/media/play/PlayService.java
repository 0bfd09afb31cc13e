package io.ringline.media.play;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.media.config.MediaProperties;
import io.ringline.platform.internalapi.NumberContextBody;
import io.ringline.platform.web.ApiException;
import java.time.Duration;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Plays a tenant's audio file into a live EVO_GO call: validate the URL, download it through the guard, recognise
 * it by its bytes, and queue it on the call's {@link PlayQueue} (or, for the GO layer, take bytes the caller
 * uploaded). Counts {@code ringline.media.play{outcome}}: {@code played},
 * {@code rejected} (the URL or the file), {@code provider_error}.
 */
@Service
public class PlayService {

    /** What was queued, for the caller: its id, and whether GO already has it. */
    public record Played(int bytes, String contentType, String playId, boolean started, int position) {
    }

    private final PlayQueue queue;
    private final MeterRegistry meters;
    private final boolean allowPrivateNetworks;
    private final AudioDownloader downloader;
    private final long maxBytes;

    /** {@code downloader}: built by {@link PlayConfiguration}, through the address guard. */
    public PlayService(PlayQueue queue, MeterRegistry meters, MediaProperties props, AudioDownloader downloader) {
        this.queue = queue;
        this.meters = meters;
        this.allowPrivateNetworks = props.allowPrivateNetworks();
        this.maxBytes = props.download().maxSize().toBytes();
        this.downloader = downloader;
    }

    public Mono<Played> play(String callId, String mediaUrl, String externalCallId, NumberContextBody number) {
        return Mono.fromCallable(() -> {
                    if (externalCallId == null || externalCallId.isBlank()) {
                        throw ApiException.invalid("externalCallId", "is required");
                    }
                    return MediaUrl.parse(mediaUrl, allowPrivateNetworks);
                })
                .flatMap(downloader::download)
                .doOnError(e -> count("rejected"))
                .flatMap(audio -> enqueue(callId, externalCallId, number, audio));
    }

    /**
     * Plays audio the caller uploaded (the GO compatibility layer's {@code media/play}): the same type rules as a
     * download, refusals name {@code body}.
     */
    public Mono<Played> playUpload(String callId, byte[] audio, String contentType, String externalCallId,
            NumberContextBody number) {
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
                .flatMap(type -> enqueue(callId, externalCallId, number, new AudioDownloader.Audio(audio, type)));
    }

    /** Stops or unqueues a play; false when this instance holds no such play of the call. */
    public Mono<Boolean> stop(String callId, String playId) {
        return queue.stop(callId, playId);
    }

    private Mono<Played> enqueue(String callId, String externalCallId, NumberContextBody number,
            AudioDownloader.Audio audio) {
        Duration duration = AudioDuration.of(audio.type(), audio.bytes()).orElse(Duration.ZERO);
        return queue.enqueue(callId, externalCallId, number, audio, duration)
                .doOnError(e -> count(e instanceof ApiException api && api.status().value() == 409
                        && "PLAY_QUEUE_FULL".equals(api.code()) ? "rejected" : "provider_error"))
                .map(queued -> new Played(audio.bytes().length, audio.type().providerType().toString(),
                        queued.playId(), queued.started(), queued.position()))
                .doOnNext(played -> count("played"));
    }

    public long maxBytes() {
        return maxBytes;
    }

    private void count(String outcome) {
        meters.counter("ringline.media.play", "outcome", outcome).increment();
    }
}
