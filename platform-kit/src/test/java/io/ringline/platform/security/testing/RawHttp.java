package io.ringline.platform.security.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP/1.1 over a plain socket, sending the request target byte for byte (UTF-8) as given: no URI builder
 * re-encodes, normalises or rejects it first, which is the point when probing path handling. Each request
 * comes from its own loopback source address (127.77.x.y) unless one is given, so failed-authentication
 * throttling per source never couples one probe to the next.
 */
public final class RawHttp {

    /** {@code status} is -1 when the server closed the connection without answering. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean isJson() {
            String type = header("content-type");
            return type != null && type.contains("json") && body.length > 0;
        }

        @Override
        public String toString() {
            return status + " " + (body.length > 300 ? text().substring(0, 300) + "…" : text());
        }
    }

    private static final AtomicInteger SOURCES = new AtomicInteger();

    private RawHttp() {
    }

    /** A fresh loopback source address for each call. */
    public static String nextSource() {
        int n = SOURCES.incrementAndGet() % (250 * 250);
        return "127.77." + (1 + n / 250) + "." + (1 + n % 250);
    }

    public static Response send(int port, String method, String target, Map<String, String> headers, byte[] body) {
        return send(nextSource(), port, method, target, headers, body);
    }

    public static Response send(String source, int port, String method, String target, Map<String, String> headers,
            byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(target.getBytes(StandardCharsets.UTF_8));
            request.writeBytes((" HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            headers.forEach((name, value) -> request.writeBytes((name + ": " + value + "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
            if (body != null) {
                request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                request.writeBytes(body);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return read(socket.getInputStream());
        } catch (SocketException e) {
            return new Response(-1, Map.of(), e.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("raw HTTP " + method + " " + target + " failed", e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all;
        try {
            all = readResponse(in);
        } catch (SocketException reset) {
            return new Response(-1, Map.of(), reset.toString().getBytes(StandardCharsets.UTF_8));
        }
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (all.length == 0 || end < 0) {
            return new Response(-1, Map.of(), all);
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rest = dechunk(rest);
        }
        return new Response(status, headers, rest);
    }

    /**
     * The whole response — except an event stream ({@code text/event-stream}), which never ends by itself: its head
     * (status, headers) is what a route test judges, so reading stops there.
     */
    private static byte[] readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean headRead = false;
        for (int n; (n = in.read(buffer)) != -1; ) {
            received.write(buffer, 0, n);
            if (!headRead) {
                byte[] sofar = received.toByteArray();
                int end = indexOf(sofar, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                if (end >= 0) {
                    headRead = true;
                    String head = new String(sofar, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                    if (head.matches("(?s).*\r\ncontent-type:\\s*text/event-stream.*")) {
                        return sofar;
                    }
                }
            }
        }
        return received.toByteArray();
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, pattern, 0);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
