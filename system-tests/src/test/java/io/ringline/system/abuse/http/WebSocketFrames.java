package io.ringline.system.abuse.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;

/**
 * Reads what a server sends after accepting a WebSocket upgrade (RFC 6455 frames, unmasked from the server)
 * until its close frame: the close code and how many data frames came first. The campaign never sends
 * audio; a session the server opens on a forged token would show up as data frames or a missing 1008.
 */
final class WebSocketFrames {

    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private WebSocketFrames() {
    }

    static RawResponse.WebSocketOutcome readUntilClose(InputStream in, OutputStream out) {
        int dataFrames = 0;
        try {
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return new RawResponse.WebSocketOutcome(0, dataFrames, "closed without a close frame");
                }
                int opcode = b0 & 0x0F;
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                byte[] payload = in.readNBytes((int) Math.min(length, 1 << 20));
                if (opcode == CLOSE) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2) : "";
                    sendClose(out);
                    return new RawResponse.WebSocketOutcome(code, dataFrames, reason);
                }
                if (opcode != PING && opcode != PONG) {
                    dataFrames++;
                }
            }
        } catch (SocketTimeoutException e) {
            return new RawResponse.WebSocketOutcome(0, dataFrames, "no close frame in time");
        } catch (IOException e) {
            return new RawResponse.WebSocketOutcome(0, dataFrames, "closed: " + e.getMessage());
        }
    }

    /** A masked (client) close frame with code 1000, so the server sees an orderly end. */
    private static void sendClose(OutputStream out) {
        try {
            out.write(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8});
            out.flush();
        } catch (IOException e) {
            // the server may already be gone
        }
    }
}
