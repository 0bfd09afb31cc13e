package io.ringline.gateway.web;

import io.ringline.platform.web.ApiException;
import io.ringline.platform.web.BodyBytes;
import java.util.Map;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Reads a request body into memory only up to a cap: a declared {@code Content-Length} over it is refused before
 * a byte is read, and a chunked body is refused as soon as it passes the cap (the rest is never read). The
 * refusal is {@code 400 INVALID_REQUEST} naming {@code body}, with {@code Connection: close} so the server does
 * not go on draining whatever the client still sends.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    /** The whole body (empty array when there is none), at most {@code maxBytes}. */
    public static Mono<byte[]> read(ServerHttpRequest request, long maxBytes) {
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return Mono.error(tooLarge(maxBytes));
        }
        return BodyBytes.read(request.getBody(), maxBytes)
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge(maxBytes));
    }

    /** {@code 400 INVALID_REQUEST} for a body over {@code maxBytes}, closing the connection after the answer. */
    public static ApiException tooLarge(long maxBytes) {
        String problem = "must not exceed " + maxBytes + " bytes";
        return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "body: " + problem,
                Map.of("field", "body", "problem", problem), Map.of(HttpHeaders.CONNECTION, "close"));
    }
}
