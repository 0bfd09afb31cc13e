package io.ringline.platform.web;

import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one way to turn a streamed body ({@link DataBuffer}s) into bytes: joined, copied out and every buffer released
 * (pooled buffers leak otherwise), an absent body read as empty.
 */
public final class BodyBytes {

    private BodyBytes() {
    }

    /**
     * The whole body, at most {@code maxBytes}: a longer one fails with {@link DataBufferLimitException} as soon as it
     * passes the cap (the rest is never read, what was read is released).
     */
    public static Mono<byte[]> read(Publisher<? extends DataBuffer> body, long maxBytes) {
        return DataBufferUtils.join(body, (int) Math.min(Integer.MAX_VALUE, maxBytes))
                .map(BodyBytes::drain)
                .defaultIfEmpty(new byte[0]);
    }

    /** The whole body, however long: only for bodies this service produced itself (never a caller's). */
    public static Mono<byte[]> readAll(Publisher<? extends DataBuffer> body) {
        return DataBufferUtils.join(body).map(BodyBytes::drain).defaultIfEmpty(new byte[0]);
    }

    /** The body's first {@code maxBytes} bytes as UTF-8 text; the rest is never read (cancelled upstream). */
    public static Mono<String> headAsText(Flux<DataBuffer> body, long maxBytes) {
        return DataBufferUtils.join(DataBufferUtils.takeUntilByteCount(body, maxBytes))
                .map(BodyBytes::drain)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .defaultIfEmpty("");
    }

    private static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
