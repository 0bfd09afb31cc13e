package io.ringline.gateway.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A scripted Evolution GO instance's pairing routes ({@code /instance/status}, {@code /instance/connect},
 * {@code /instance/qr}) on a real HTTP port, under {@code /go}; it remembers every request.
 */
public final class FakeGoInstance implements AutoCloseable {

    /** One request: path, the {@code apikey} header and the body. */
    public record Seen(String method, String path, String apikey, String body) {
    }

    /** A scripted answer. */
    public record Answer(int status, String body) {
    }

    private final DisposableServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Answer status = new Answer(200, "{\"state\":\"close\"}");
    private volatile Answer connect = new Answer(200, "{\"message\":\"success\",\"data\":{\"jid\":\"\"}}");
    private volatile Answer qr = new Answer(200, qrBody("2@first-code,AAAA,BBBB,CCCC"));

    public FakeGoInstance() {
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/go/instance/status", (req, res) -> answer(req, res, status))
                        .post("/go/instance/connect", (req, res) -> answer(req, res, connect))
                        .get("/go/instance/qr", (req, res) -> answer(req, res, qr)))
                .bindNow();
    }

    public static String qrBody(String code) {
        return "{\"message\":\"success\",\"data\":{\"qrcode\":\"\",\"code\":\"" + code + "\"}}";
    }

    /** The base URL a number registers: {@code http://127.0.0.1:<port>/go}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/go";
    }

    public FakeGoInstance status(int code, String body) {
        status = new Answer(code, body);
        return this;
    }

    public FakeGoInstance qr(int code, String body) {
        qr = new Answer(code, body);
        return this;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    private Mono<Void> answer(HttpServerRequest req, HttpServerResponse res, Answer answer) {
        return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    // Reactor Netty gives the path without its leading slash.
                    seen.add(new Seen(req.method().name(), "/" + req.path(), req.requestHeaders().get("apikey"), body));
                    return res.status(answer.status()).header("content-type", "application/json")
                            .sendString(Mono.just(answer.body())).then();
                });
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
