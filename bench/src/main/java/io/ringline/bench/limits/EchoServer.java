package io.ringline.bench.limits;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.http.server.HttpServer;

/**
 * The bare WebFlux limit: Spring WebFlux's functional routing on Reactor Netty — the services' HTTP stack without
 * Spring Boot, security, persistence or Kafka — reading a JSON body into a map and writing it back. Run as its own
 * JVM with the services' flags: {@code EchoServer <port>}.
 */
public final class EchoServer {

    private EchoServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        var route = RouterFunctions.route(RequestPredicates.POST("/echo"), request -> request.bodyToMono(Map.class)
                .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body)));
        var adapter = new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(route));
        HttpServer.create().host("127.0.0.1").port(port).handle(adapter).bindNow(Duration.ofSeconds(30))
                .onDispose().block();
    }
}
