package io.ringline.sandbox.sim.call;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;

/** Everything a provider saw and did for one call, for the inspection API. Thread-safe, append-only. */
public final class SimulatedCallJournal {

    private final List<ActionEntry> actions = new CopyOnWriteArrayList<>();
    private final List<AudioEntry> audio = new CopyOnWriteArrayList<>();
    private final List<WebhookEntry> webhooks = new CopyOnWriteArrayList<>();
    private final List<RealtimeStream> realtime = new CopyOnWriteArrayList<>();

    public void action(String action, Instant at, JsonNode body, String error) {
        actions.add(new ActionEntry(action, at, body, error));
    }

    public void audio(String contentType, long bytes, Instant at) {
        audio.add(new AudioEntry(contentType, bytes, at));
    }

    /** A realtime audio WebSocket opened on the call; the caller counts what flows through it. */
    public RealtimeStream realtimeOpened(String mode, Instant at) {
        RealtimeStream stream = new RealtimeStream(mode, at);
        realtime.add(stream);
        return stream;
    }

    public void webhook(WebhookEntry entry) {
        webhooks.add(entry);
    }

    /** The actions, audio and webhooks so far, for a call's view. */
    public SimulatedCallView.Journal view() {
        return new SimulatedCallView.Journal(actions(), audio(), webhooks());
    }

    public List<ActionEntry> actions() {
        return List.copyOf(actions);
    }

    public List<AudioEntry> audio() {
        return List.copyOf(audio);
    }

    public RealtimeView realtime() {
        return RealtimeView.of(realtime.stream().map(RealtimeStream::view).toList());
    }

    public List<WebhookEntry> webhooks() {
        return List.copyOf(webhooks);
    }
}
