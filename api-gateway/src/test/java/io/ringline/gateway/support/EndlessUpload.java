package io.ringline.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that sends a chunked request body that never ends (a writer thread keeps sending chunks until the
 * connection fails), so a test can prove the server answered without reading the whole body: there is no
 * whole body. Plain sockets, since HTTP clients insist on finishing what they send.
 */
public final class EndlessUpload implements AutoCloseable {

    /** The server's answer: status, headers (lower-case names), body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final AtomicLong sent = new AtomicLong();
    private final Thread writer;

    private EndlessUpload(int port, String requestHead) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(20_000); // a deadline for the answer, not a measurement
        OutputStream out = socket.getOutputStream();
        out.write(requestHead.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        writer = Thread.ofPlatform().daemon().name("endless-upload").start(() -> {
            byte[] data = new byte[8192];
            Arrays.fill(data, (byte) 'a');
            byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "\r\n".getBytes(StandardCharsets.US_ASCII);
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    out.write(head);
                    out.write(data);
                    out.write(tail);
                    sent.addAndGet(data.length);
                }
            } catch (IOException closed) {
                // the server stopped reading and closed, or the test is over
            }
        });
    }

    /** Starts {@code method path} with the given headers and a chunked body that never ends. */
    public static EndlessUpload start(int port, String method, String path, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try {
            return new EndlessUpload(port, head.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends only the request head, announcing {@code contentLength} body bytes that never come, and reads the
     * answer: one that arrives can only have come from the declared length.
     */
    public static Answer announce(int port, String method, String path, Map<String, String> headers,
            long contentLength) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: " + contentLength + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Body bytes written so far. */
    public long sent() {
        return sent.get();
    }

    /** Blocks until the answer is read (or the socket's deadline passes). */
    public Answer answer() {
        try {
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the server closed the connection: reading hits the end of the stream. */
    public boolean serverClosed() {
        try {
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() {
        writer.interrupt();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Answer(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed before the answer was complete");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
