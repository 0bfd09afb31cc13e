package io.ringline.system.abuse.run;

import io.ringline.system.abuse.gen.HostileRequest;
import io.ringline.system.abuse.oracle.Oracle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One line per request (time sent, sequence number, kind, route, verdict, answer), so a state change the
 * campaign reports can be matched by time to the requests that were in flight. Never holds a secret.
 */
public final class RequestLog implements AutoCloseable {

    private final BufferedWriter out;

    public RequestLog(Path file) {
        try {
            Files.createDirectories(file.getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void write(Instant sent, long millis, HostileRequest request, Oracle.Judgement judgement) {
        try {
            out.write(sent + " " + millis + "ms #" + request.seq() + " " + request.kind() + " | " + request.route().label()
                    + " | " + judgement.verdict() + " | " + judgement.answer());
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
