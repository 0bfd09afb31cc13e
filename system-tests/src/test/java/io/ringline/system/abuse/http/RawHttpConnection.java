package io.ringline.system.abuse.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A persistent HTTP/1.1 connection to one loopback port, owned by one worker thread: sends a
 * {@link RawRequest} as bytes and reads one answer (Content-Length, chunked or until close). Reconnects when
 * the server closed it, and never reuses it after a request whose framing lied.
 */
public final class RawHttpConnection implements AutoCloseable {

    private static final int MAX_KEPT_BODY = 4 * 1024 * 1024;
    private static final int MAX_HEAD = 64 * 1024;
    /**
     * How long a reused keep-alive connection may stay silent before the request is sent again on a new one.
     * Longer than any answer the platform takes (its own timeouts end at 10 s); see {@link #STALLS}.
     */
    private static final int REUSED_CONNECTION_TIMEOUT_MILLIS = 12_000;

    private final String host;
    private final int port;
    private final int readTimeoutMillis;
    /** Recent exchanges where a reused connection did not answer at all: the request before and the one that stalled. */
    public static final java.util.concurrent.atomic.AtomicLong STALL_COUNT = new java.util.concurrent.atomic.AtomicLong();
    public static final java.util.concurrent.ConcurrentLinkedQueue<String> STALLS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private String previous = "(none)";
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public RawHttpConnection(String host, int port, int readTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Sends the request and reads its answer; a WebSocket upgrade is followed until the server closes it. */
    public RawResponse exchange(RawRequest request) {
        byte[] bytes = request.encode(host + ":" + port);
        boolean reused = socket != null;
        try {
            ensureOpen();
            socket.setSoTimeout(reused ? Math.min(REUSED_CONNECTION_TIMEOUT_MILLIS, readTimeoutMillis) : readTimeoutMillis);
            RawResponse response = sendAndRead(request, bytes);
            if (!response.answered() && reused && request.framing() == RawRequest.Framing.LENGTH) {
                boolean stalled = response.noAnswer().startsWith("no answer within")
                        || response.noAnswer().contains("did not end");
                if (stalled) {
                    STALL_COUNT.incrementAndGet();
                }
                if (stalled && STALLS.size() < 10) {
                    STALLS.add("after [" + previous + "] the connection did not answer [" + summary(request) + "]");
                }
                // The server had closed the idle connection before we wrote: once more on a new one.
                close();
                ensureOpen();
                socket.setSoTimeout(readTimeoutMillis);
                response = sendAndRead(request, bytes);
            }
            previous = summary(request) + " → " + (response.answered() ? response.status() + " " + response.headers() : response.noAnswer());
            if (!response.answered() || request.framing().poisonsConnection() || response.status() == 101
                    || "close".equalsIgnoreCase(response.header("connection")) || isEventStream(response.headers())) {
                close();
            }
            return response;
        } catch (IOException e) {
            close();
            return RawResponse.none("connect failed: " + e.getMessage());
        }
    }

    private RawResponse sendAndRead(RawRequest request, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            if (request.framing() == RawRequest.Framing.DECLARED_LONGER) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // The server may answer and close before reading everything (an oversized body): read what it said.
        }
        try {
            RawResponse response = readResponse(request.method().equals("HEAD"));
            while (response.status() >= 100 && response.status() < 200 && response.status() != 101) {
                response = readResponse(request.method().equals("HEAD"));
            }
            if (response.status() == 101) {
                return response.withWebSocket(WebSocketFrames.readUntilClose(in, out));
            }
            return response;
        } catch (SocketTimeoutException e) {
            return RawResponse.none("no answer within " + readTimeoutMillis + " ms");
        } catch (IOException e) {
            return RawResponse.none("connection closed: " + e.getMessage());
        }
    }

    private static String summary(RawRequest request) {
        String target = request.targetText();
        StringBuilder s = new StringBuilder(request.method()).append(' ')
                .append(target.length() > 120 ? target.substring(0, 120) + "…" : target);
        request.headers().forEach(h -> s.append(" | ").append(h.name()).append(": ").append(Math.min(h.value().length, 999)).append('B'));
        return s.append(" | body ").append(request.body().length).append("B ").append(request.framing()).toString();
    }

    private void ensureOpen() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(readTimeoutMillis);
        s.connect(new InetSocketAddress(host, port), 5_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
    }

    private RawResponse readResponse(boolean head) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("closed before an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1].trim());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int headBytes = 0;
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            headBytes += line.length();
            if (headBytes > MAX_HEAD) {
                throw new IOException("answer head too large");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        byte[] body;
        try {
            // An event stream (GET /v1/calls/events) never ends by itself: its head is the answer; the caller closes.
            body = head || status == 204 || status == 304 || (status >= 100 && status < 200) || isEventStream(headers)
                    ? new byte[0] : readBody(headers);
        } catch (SocketTimeoutException e) {
            throw new IOException("the body of '" + statusLine + "' " + headers + " did not end in time", e);
        }
        return new RawResponse(status, headers, body, null, null);
    }

    private static boolean isEventStream(Map<String, List<String>> headers) {
        List<String> type = headers.get("content-type");
        return type != null && type.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).startsWith("text/event-stream"));
    }

    private byte[] readBody(Map<String, List<String>> headers) throws IOException {
        List<String> te = headers.get("transfer-encoding");
        if (te != null && te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            return readChunked();
        }
        List<String> cl = headers.get("content-length");
        if (cl != null) {
            long length = Long.parseLong(cl.getFirst());
            return readExactly(length);
        }
        // Neither: the body runs until the server closes the connection.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (body.size() < MAX_KEPT_BODY) {
                body.write(buffer, 0, n);
            }
        }
        close();
        return body.toByteArray();
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                throw new IOException("closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
                    // trailers are ignored
                }
                return body.toByteArray();
            }
            byte[] chunk = readExactly(size);
            if (body.size() < MAX_KEPT_BODY) {
                body.writeBytes(chunk);
            }
            readLine();
        }
    }

    private byte[] readExactly(long length) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(length, 64 * 1024));
        byte[] buffer = new byte[8192];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("closed inside a body");
            }
            if (body.size() < MAX_KEPT_BODY) {
                body.write(buffer, 0, n);
            }
            remaining -= n;
        }
        return body.toByteArray();
    }

    /** One line without its CRLF (ISO-8859-1, so any byte survives); null at end of stream. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > MAX_HEAD) {
                throw new IOException("line too long");
            }
            line.write(b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
