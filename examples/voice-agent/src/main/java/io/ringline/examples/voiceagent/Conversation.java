package io.ringline.examples.voiceagent;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call's turn-taking on a realtime session (protocol 2, PCM16 16 kHz, binary framing): listen to the caller
 * with an {@link EnergyVad}; when they finish a turn, answer with the reply audio — sent all at once, the bridge
 * plays it at real time — followed by a {@code mark}; when its echo comes back, the agent's turn is over. If the
 * caller starts speaking while the agent is still talking (barge-in), {@code clear} drops the rest of the reply.
 *
 * <p>Every turn is written to {@code turns} as one line: {@code caller-started}, {@code caller-finished},
 * {@code agent-speaking reply-N}, {@code agent-finished reply-N}, {@code barge-in cleared=[…]}, {@code call-ended}.
 */
final class Conversation implements WebSocket.Listener {

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern MARKS = Pattern.compile("\"marks\"\\s*:\\s*\\[([^]]*)]");
    /** 20 ms of PCM16 16 kHz: what the agent sends per WebSocket message. */
    private static final int FRAME_BYTES = 640;

    private final byte[] reply;
    private final Consumer<String> turns;
    private final EnergyVad vad = EnergyVad.forTurnTaking();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** Sends are chained: java.net.http allows one outstanding send per WebSocket. */
    private CompletableFuture<WebSocket> sending;
    private WebSocket socket;
    private int replies;
    /** The mark of the reply being spoken, null while the agent listens. */
    private String speaking;

    Conversation(byte[] reply, Consumer<String> turns) {
        this.reply = reply;
        this.turns = turns;
    }

    /** Completes when the session ended (the call ended, or the socket closed). */
    CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        sending = CompletableFuture.completedFuture(webSocket);
        webSocket.request(1);
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            hear(partial.toByteArray());
            partial.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            control(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        turns.accept("call-ended");
        ended.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        turns.accept("error " + error);
        ended.complete(null);
    }

    private void hear(byte[] frame) {
        switch (vad.accept(frame)) {
            case SPEECH_STARTED -> {
                turns.accept("caller-started");
                if (speaking != null) {
                    // Barge-in: the caller talks over the agent, so the rest of the reply is dropped at once; the
                    // agent listens again right away (the bridge's "cleared" answer names the dropped mark).
                    send("{\"type\":\"clear\"}");
                    speaking = null;
                }
            }
            case SPEECH_ENDED -> {
                turns.accept("caller-finished");
                if (speaking == null) {
                    speak();
                }
            }
            case NONE -> {
            }
        }
    }

    private void control(String message) {
        String type = group(TYPE, message);
        if (type == null) {
            return;
        }
        switch (type) {
            case "mark" -> {
                String name = group(NAME, message);
                if (name != null && name.equals(speaking)) {
                    turns.accept("agent-finished " + name);
                    speaking = null;
                }
            }
            case "cleared" -> {
                String marks = group(MARKS, message);
                turns.accept("barge-in cleared=[" + (marks == null ? "" : marks.replace("\"", "")) + "]");
            }
            case "stop" -> turns.accept("stop");
            default -> {
            }
        }
    }

    /** The whole reply at once (the bridge paces it), then the mark that says when it has been heard. */
    private void speak() {
        speaking = "reply-" + (++replies);
        turns.accept("agent-speaking " + speaking);
        for (int at = 0; at < reply.length; at += FRAME_BYTES) {
            int end = Math.min(reply.length, at + FRAME_BYTES);
            ByteBuffer frame = ByteBuffer.wrap(reply, at, end - at).slice();
            sending = sending.thenCompose(ws -> ws.sendBinary(frame, true));
        }
        send("{\"type\":\"mark\",\"name\":\"" + speaking + "\"}");
    }

    private void send(String json) {
        sending = sending.thenCompose(ws -> ws.sendText(json, true));
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
