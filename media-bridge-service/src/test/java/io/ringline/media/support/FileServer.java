package io.ringline.media.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A real HTTP server hosting the media files tests ask to play; counts the requests it got. */
public final class FileServer implements AutoCloseable {

    /** One file: its content type (null for none) and bytes, or a redirect target, or {@link #silent()}. */
    public record File(String contentType, byte[] bytes, String redirectTo) {
        /** A path whose request is accepted and never answered. */
        public static File silent() {
            return new File(null, null, null);
        }

        public static File of(String contentType, byte[] bytes) {
            return new File(contentType, bytes, null);
        }

        public static File redirect(String location) {
            return new File(null, new byte[0], location);
        }
    }

    public final AtomicInteger requests = new AtomicInteger();
    private final DisposableServer server;

    public FileServer(Map<String, File> files) {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> {
                    requests.incrementAndGet();
                    File file = files.get(req.fullPath());
                    if (file == null) {
                        return res.status(404).send();
                    }
                    if (file.bytes() == null) {
                        return reactor.core.publisher.Mono.never();
                    }
                    if (file.redirectTo() != null) {
                        return res.status(302).header("location", file.redirectTo()).send();
                    }
                    if (file.contentType() != null) {
                        res.header("content-type", file.contentType());
                    }
                    return res.sendByteArray(Mono.just(file.bytes()));
                })
                .bindNow();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
