package io.ringline.media.play;

import io.ringline.media.evogo.EvoGoMediaClient;
import io.ringline.media.notices.CallNoticeHandler;
import io.ringline.media.notices.CallNotices;
import io.ringline.platform.internalapi.NumberContextBody;
import io.ringline.platform.ids.Ids;
import io.ringline.platform.web.ApiException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The plays of each call, one after another (SPEC §3 "plays queue in order"). Evolution GO only answers "queued"
 * for a file, so the bridge holds a call's queue itself and hands GO the next file once the current one's
 * playing time ({@link AudioDuration}) has passed. A play that starts at once (the call was idle) is handed to GO
 * within the request, so GO's refusal is the request's error; a queued one is answered at once with its
 * {@code playId} and its later refusal by GO ends it {@code failed}. Every play that got an id ends with one
 * {@code call.play_finished} ({@link PlayEvents}): {@code finished}, {@code stopped} ({@link #stop}, or its call
 * ended) or {@code failed}.
 *
 * <p>A call's queue lives on the bridge instance that received its plays; at most {@code maxQueued} wait per call,
 * each holding its file (≤ {@code download.max-size}) until its turn. Stopping the play that is playing ends it
 * for Ringline (its event, the next play's start); GO's API has no way to cut a file short, so GO finishes
 * playing it (docs/decisions.md).
 */
@Service
class PlayQueue implements CallNoticeHandler {

    /** What the caller learns: the play's id, and whether it started at once or waits its turn. */
    public record Enqueued(String playId, boolean started, int position) {
    }

    private static final Logger log = LoggerFactory.getLogger(PlayQueue.class);

    private final EvoGoMediaClient provider;
    private final PlayEvents events;
    private final int maxQueued;
    private final CallNotices notices;
    private final Map<String, CallPlays> calls = new ConcurrentHashMap<>();

    PlayQueue(EvoGoMediaClient provider, PlayEvents events, PlayProperties props, CallNotices notices) {
        this.provider = provider;
        this.events = events;
        this.notices = notices;
        this.maxQueued = props.maxQueuedPerCall();
    }

    /** One file waiting or playing. */
    private record Play(String playId, String callId, String externalCallId, NumberContextBody number,
            AudioDownloader.Audio audio, Duration duration) {
    }

    /**
     * One call's queue; every field is guarded by the instance's lock. Retired once idle and empty (and removed
     * from the map under the lock), so a queue is never left holding plays nobody can find. While it lives it holds
     * the call notices: the call's end must reach its plays.
     */
    private static final class CallPlays {
        private final String callId;
        private final CallNotices.Hold notices;
        private final ArrayDeque<Play> waiting = new ArrayDeque<>();
        private Play playing;
        private Disposable timer;
        private boolean retired;

        CallPlays(String callId, CallNotices.Hold notices) {
            this.callId = callId;
            this.notices = notices;
        }

        /** Under the lock: no play of it can be found any more. */
        void retire(Map<String, CallPlays> calls) {
            retired = true;
            calls.remove(callId, this);
            notices.close();
        }
    }

    public Mono<Enqueued> enqueue(String callId, String externalCallId, NumberContextBody number,
            AudioDownloader.Audio audio, Duration duration) {
        return Mono.defer(() -> {
            Play play = new Play(Ids.newId("play"), callId, externalCallId, number, audio, duration);
            CallPlays plays;
            while (true) {
                plays = calls.computeIfAbsent(callId, id -> new CallPlays(id, notices.hold()));
                synchronized (plays) {
                    if (!plays.retired) {
                        break;
                    }
                }
            }
            CallPlays queue = plays;
            synchronized (queue) {
                if (queue.playing != null) {
                    if (queue.waiting.size() >= maxQueued) {
                        throw new ApiException(HttpStatus.CONFLICT, "PLAY_QUEUE_FULL", "This call already has "
                                + maxQueued + " plays waiting; stop one or wait for play_finished");
                    }
                    queue.waiting.add(play);
                    return Mono.just(new Enqueued(play.playId(), false, queue.waiting.size()));
                }
                queue.playing = play; // held while GO is asked, so a concurrent play queues behind it
            }
            return send(play)
                    .doOnError(e -> {
                        synchronized (queue) {
                            if (queue.playing == play) {
                                queue.playing = null;
                            }
                        }
                        startNext(queue); // plays that queued meanwhile still get their turn
                    })
                    .then(Mono.fromCallable(() -> {
                        schedule(queue, play);
                        return new Enqueued(play.playId(), true, 0);
                    }));
        });
    }

    /**
     * Stops (if playing) or unqueues the play. Emits false when this instance holds no such play of the call (never
     * queued here, or already ended).
     */
    public Mono<Boolean> stop(String callId, String playId) {
        CallPlays plays = calls.get(callId);
        if (plays == null) {
            return Mono.just(false);
        }
        Play ended = null;
        boolean wasPlaying = false;
        synchronized (plays) {
            if (plays.playing != null && plays.playing.playId().equals(playId)) {
                ended = plays.playing;
                wasPlaying = true;
                if (plays.timer != null) {
                    plays.timer.dispose();
                    plays.timer = null;
                }
                plays.playing = null;
            } else {
                for (Play waiting : plays.waiting) {
                    if (waiting.playId().equals(playId)) {
                        ended = waiting;
                    }
                }
                if (ended != null) {
                    plays.waiting.remove(ended);
                }
            }
        }
        if (ended == null) {
            return Mono.just(false);
        }
        Mono<Void> reported = report(ended, PlayOutcome.STOPPED);
        if (wasPlaying) {
            reported = reported.doOnSuccess(done -> startNext(plays));
        }
        return reported.thenReturn(true);
    }

    /** The call ended: every play of it held here stops (queued ones never reach GO). */
    @Override
    public void callEnded(String callId) {
        CallPlays plays = calls.get(callId);
        if (plays == null) {
            return;
        }
        java.util.List<Play> ended = new java.util.ArrayList<>();
        synchronized (plays) {
            plays.retire(calls);
            if (plays.timer != null) {
                plays.timer.dispose();
                plays.timer = null;
            }
            if (plays.playing != null) {
                ended.add(plays.playing);
                plays.playing = null;
            }
            ended.addAll(plays.waiting);
            plays.waiting.clear();
        }
        ended.forEach(play -> report(play, PlayOutcome.STOPPED).subscribe(null, e -> { }));
    }

    /** Plays of the call held by this instance, playing or waiting (for tests and gauges). */
    public int held(String callId) {
        CallPlays plays = calls.get(callId);
        if (plays == null) {
            return 0;
        }
        synchronized (plays) {
            return plays.waiting.size() + (plays.playing == null ? 0 : 1);
        }
    }

    private Mono<Void> send(Play play) {
        return provider.play(play.number(), play.externalCallId(), play.audio().bytes(),
                play.audio().type().providerType());
    }

    private void schedule(CallPlays plays, Play play) {
        synchronized (plays) {
            if (plays.playing != play) {
                return; // stopped (or its call ended) while GO was being asked
            }
            // A file whose length could not be read is given no time: the next one is handed to GO at once, and GO
            // queues it behind this one itself.
            plays.timer = Mono.delay(play.duration()).subscribe(tick -> finished(plays, play));
        }
    }

    private void finished(CallPlays plays, Play play) {
        synchronized (plays) {
            if (plays.playing != play) {
                return;
            }
            plays.playing = null;
            plays.timer = null;
        }
        report(play, PlayOutcome.FINISHED).subscribe(null, e -> { }, () -> startNext(plays));
    }

    /** Hands GO the next waiting play, if the call is idle; a refusal ends it {@code failed} and moves on. */
    private void startNext(CallPlays plays) {
        Play next;
        synchronized (plays) {
            if (plays.playing != null || plays.retired) {
                return;
            }
            if (plays.waiting.isEmpty()) {
                plays.retire(calls); // idle: forget the call until its next play
                return;
            }
            next = plays.waiting.poll();
            plays.playing = next;
        }
        send(next).subscribe(null,
                error -> {
                    log.info("Evolution GO refused queued play {} of call {}: {}", next.playId(), next.callId(),
                            error.toString());
                    synchronized (plays) {
                        if (plays.playing == next) {
                            plays.playing = null;
                        }
                    }
                    report(next, PlayOutcome.FAILED).subscribe(null, e -> { }, () -> startNext(plays));
                },
                () -> schedule(plays, next));
    }

    private Mono<Void> report(Play play, PlayOutcome outcome) {
        return events.finished(play.number(), play.callId(), play.externalCallId(), play.playId(), outcome)
                .doOnError(e -> log.warn("could not record the end of play {}: {}", play.playId(), e.toString()));
    }
}
