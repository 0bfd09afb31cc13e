package io.ringline.sandbox.control;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import io.ringline.sandbox.evogo.GoCall;
import io.ringline.sandbox.evogo.GoCallState;
import io.ringline.sandbox.evogo.GoCalls;
import io.ringline.sandbox.evogo.realtime.UserVoices;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Makes the simulated user say given audio on a GO call's realtime sessions, instead of the tone. */
@RestController
@ControlApi
@RequestMapping("/sandbox/calls")
class UserVoiceController {

    /** 32 s of PCM16 mono 16 kHz: plenty for a scripted utterance, bounded for a shared sandbox. */
    static final int MAX_BYTES = 1024 * 1024;

    private final GoCalls calls;
    private final UserVoices voices;

    UserVoiceController(GoCalls calls, UserVoices voices) {
        this.calls = calls;
        this.voices = voices;
    }

    /** Body: raw PCM16 LE mono 16 kHz. 404 not a GO call, 409 call not active, 400 empty/odd, 413 too long. */
    @PostMapping("/{externalCallId}/realtime/say")
    Mono<UserSpeech> say(@PathVariable String externalCallId, ServerHttpRequest request) {
        GoCall call = calls.find(externalCallId)
                .orElseThrow(() -> new NotFoundException("no Evolution GO call " + externalCallId));
        if (call.state() != GoCallState.ACTIVE) {
            throw new ConflictException("call " + externalCallId + " is not active");
        }
        // The whole body is read even when too long, so the client gets the 413 instead of a reset upload.
        return request.getBody()
                .reduce(new BoundedBody(), BoundedBody::append)
                .defaultIfEmpty(new BoundedBody())
                .map(body -> {
                    if (body.total > MAX_BYTES) {
                        throw new PayloadTooLargeException("audio longer than " + MAX_BYTES + " bytes");
                    }
                    byte[] pcm = body.kept.toByteArray();
                    if (pcm.length == 0 || pcm.length % 2 != 0) {
                        throw new IllegalArgumentException("body must be PCM16 audio: a non-empty, even byte count");
                    }
                    int sessions = voices.say(call.callId(), pcm);
                    return new UserSpeech(UserVoices.frameCount(pcm.length), sessions);
                });
    }

    /** Body {@code {"silent": true|false}}: the user is silent (or the tone) between utterances. 404 not a GO call. */
    @PutMapping("/{externalCallId}/realtime/idle")
    Map<String, Object> idle(@PathVariable String externalCallId, @RequestBody Map<String, Object> body) {
        GoCall call = calls.find(externalCallId)
                .orElseThrow(() -> new NotFoundException("no Evolution GO call " + externalCallId));
        if (!(body.get("silent") instanceof Boolean silent)) {
            throw new IllegalArgumentException("body must be {\"silent\": true|false}");
        }
        voices.silentBetweenUtterances(call.callId(), silent);
        return Map.of("silent", silent);
    }

    /** The body up to {@link #MAX_BYTES}, and how long it really was. */
    private static final class BoundedBody {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long total;

        BoundedBody append(DataBuffer buffer) {
            try {
                int size = buffer.readableByteCount();
                total += size;
                if (total <= MAX_BYTES) {
                    byte[] bytes = new byte[size];
                    buffer.read(bytes);
                    kept.writeBytes(bytes);
                }
                return this;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }
    }

    /** {@code frames} of 20 ms queued on each of {@code sessions} open realtime sessions. */
    record UserSpeech(int frames, int sessions) {
    }
}
