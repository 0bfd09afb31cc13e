package io.ringline.sandbox.sim.call;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The realtime audio WebSocket sessions of a call, oldest first, with totals over all of them: what a test or demo
 * asks first is "did audio reach the user, what did it sound like ({@code heardToneHz}: the tone the latest session
 * that heard one heard), and did the user's voice come back".
 */
record RealtimeView(int sessions, long bytesReceived, long framesReceived, Instant firstFrameAt,
        long bytesRefused, long bytesSent, long framesSent, long clears, Integer heardToneHz,
        List<RealtimeStream.View> streams) {

    static RealtimeView of(List<RealtimeStream.View> streams) {
        return new RealtimeView(streams.size(),
                streams.stream().mapToLong(RealtimeStream.View::bytesReceived).sum(),
                streams.stream().mapToLong(RealtimeStream.View::framesReceived).sum(),
                streams.stream().map(RealtimeStream.View::firstFrameAt).filter(Objects::nonNull)
                        .min(Comparator.naturalOrder()).orElse(null),
                streams.stream().mapToLong(RealtimeStream.View::bytesRefused).sum(),
                streams.stream().mapToLong(RealtimeStream.View::bytesSent).sum(),
                streams.stream().mapToLong(RealtimeStream.View::framesSent).sum(),
                streams.stream().mapToLong(RealtimeStream.View::clears).sum(),
                streams.reversed().stream().map(stream -> stream.heard().toneHz()).filter(Objects::nonNull)
                        .findFirst().orElse(null),
                streams);
    }
}
