package io.ringline.system.abuse.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP/1.1 request exactly as it goes on the wire: the request target is sent byte for byte (no
 * normalisation, no encoding), headers may repeat or carry any bytes, and the body's framing may lie.
 * The JDK and Netty clients refuse most of this, which is why the campaign writes its own bytes.
 */
public record RawRequest(String method, byte[] target, List<Header> headers, byte[] body, Framing framing) {

    /** One header line; the value is raw bytes (it may hold CR, LF, NUL or invalid UTF-8 on purpose). */
    public record Header(String name, byte[] value) {
        public static Header of(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** How the body is delimited, honestly or not. */
    public enum Framing {
        /** {@code Content-Length} equal to the body. */
        LENGTH,
        /** {@code Transfer-Encoding: chunked}, in a few chunks. */
        CHUNKED,
        /** {@code Content-Length} larger than the body; the connection is then half-closed. */
        DECLARED_LONGER,
        /** {@code Content-Length} smaller than the body: the rest reaches the server as a second request. */
        DECLARED_SHORTER,
        /** Both {@code Content-Length} and {@code Transfer-Encoding: chunked} (request smuggling shape). */
        LENGTH_AND_CHUNKED,
        /** The headers given are sent as they are: no framing header is added. */
        AS_GIVEN;

        /** Framings after which the connection's state is unknown, so it is not reused. */
        public boolean poisonsConnection() {
            return this != LENGTH && this != CHUNKED;
        }
    }

    public RawRequest {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static RawRequest of(String method, String target, List<Header> headers, byte[] body) {
        return new RawRequest(method, target.getBytes(StandardCharsets.UTF_8), headers, body, Framing.LENGTH);
    }

    public RawRequest withFraming(Framing newFraming) {
        return new RawRequest(method, target, headers, body, newFraming);
    }

    public String targetText() {
        return new String(target, StandardCharsets.UTF_8);
    }

    public boolean hasHeader(String name) {
        return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
    }

    /** The bytes to write, with {@code Host} added unless the request names its own. */
    public byte[] encode(String defaultHost) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        out.writeBytes(method.getBytes(StandardCharsets.UTF_8));
        out.write(' ');
        out.writeBytes(target);
        out.writeBytes(" HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        List<Header> all = new ArrayList<>();
        if (!hasHeader("host") && !hasHeader("x-abuse-no-host")) {
            all.add(Header.of("Host", defaultHost));
        }
        headers.stream().filter(h -> !h.name().equalsIgnoreCase("x-abuse-no-host")).forEach(all::add);
        switch (framing) {
            case LENGTH -> {
                // As ordinary clients do: no Content-Length on a request without a body unless it is a POST-like one.
                if (body.length > 0 || !(method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")
                        || method.equals("OPTIONS"))) {
                    all.add(Header.of("Content-Length", String.valueOf(body.length)));
                }
            }
            case CHUNKED -> all.add(Header.of("Transfer-Encoding", "chunked"));
            case DECLARED_LONGER -> all.add(Header.of("Content-Length", String.valueOf(body.length + 64)));
            case DECLARED_SHORTER -> all.add(Header.of("Content-Length", String.valueOf(body.length / 2)));
            case LENGTH_AND_CHUNKED -> {
                all.add(Header.of("Content-Length", String.valueOf(body.length)));
                all.add(Header.of("Transfer-Encoding", "chunked"));
            }
            case AS_GIVEN -> {
            }
        }
        if (framing.poisonsConnection()) {
            all.add(Header.of("Connection", "close"));
        }
        for (Header h : all) {
            out.writeBytes(h.name().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(": ".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(h.value());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        if (framing == Framing.CHUNKED || framing == Framing.LENGTH_AND_CHUNKED) {
            writeChunked(out, body);
        } else {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static void writeChunked(ByteArrayOutputStream out, byte[] body) {
        int chunk = Math.max(1, body.length / 3 + 1);
        for (int i = 0; i < body.length; i += chunk) {
            int n = Math.min(chunk, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
