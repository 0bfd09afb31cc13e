package io.ringline.signaling.call.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringline.signaling.SignalingProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The rules of detached command work: per-call order, a tenant's share, the global cap, handing partitions over. */
class DetachedCommandsTest {

    private static final TopicPartition P0 = new TopicPartition("calls.commands", 0);
    private static final TopicPartition P1 = new TopicPartition("calls.commands", 1);

    private static DetachedCommands detached(int inFlight, int perTenant) {
        return new DetachedCommands(new Binder(new MapConfigurationPropertySource(Map.of(
                "ringline.signaling.commands-in-flight", String.valueOf(inFlight),
                "ringline.signaling.commands-in-flight-per-tenant", String.valueOf(perTenant))))
                .bindOrCreate("ringline.signaling", SignalingProperties.class), new SimpleMeterRegistry());
    }

    private static DetachedCommands.Admission admit(DetachedCommands detached, String tenant) {
        return detached.admit(tenant).block(Duration.ofSeconds(5));
    }

    @Test
    void aLaterCommandOfTheSameCallRunsOnlyAfterTheEarlierOneEnded() {
        DetachedCommands detached = detached(8, 8);
        List<String> ran = new CopyOnWriteArrayList<>();
        Sinks.Empty<Void> firstDone = Sinks.empty();

        admit(detached, "ten_a").detach("call_1", P0, () -> Mono.fromRunnable(() -> ran.add("place"))
                .then(firstDone.asMono()));
        assertThat(detached.pending("call_1")).isTrue();
        admit(detached, "ten_a").detach("call_1", P0, () -> Mono.fromRunnable(() -> ran.add("terminate")));
        admit(detached, "ten_a").detach("call_2", P0, () -> Mono.fromRunnable(() -> ran.add("other call")));

        assertThat(ran).containsExactly("place", "other call");
        firstDone.tryEmitEmpty();
        assertThat(ran).containsExactly("place", "other call", "terminate");
        assertThat(detached.pending("call_1")).isFalse();
        assertThat(detached.inFlight()).isZero();
    }

    @Test
    void aTenantBeyondItsShareIsRefusedAtOnceWhileOthersAreAdmitted() {
        DetachedCommands detached = detached(8, 1);
        admit(detached, "ten_a").detach("call_1", P0, Mono::never);

        assertThat(admit(detached, "ten_a").admitted()).isFalse();
        DetachedCommands.Admission other = admit(detached, "ten_b");
        assertThat(other.admitted()).isTrue();
        other.close();
    }

    @Test
    void theGlobalCapMakesTheNextAdmissionWait() {
        DetachedCommands detached = detached(1, 8);
        Sinks.Empty<Void> done = Sinks.empty();
        admit(detached, "ten_a").detach("call_1", P0, done::asMono);

        CompletableFuture<DetachedCommands.Admission> next = detached.admit("ten_b").toFuture();
        assertThat(next).as("no slot is free yet").isNotDone();
        done.tryEmitEmpty();
        assertThat(next).succeedsWithin(Duration.ofSeconds(5)).satisfies(a -> assertThat(a.admitted()).isTrue());
    }

    @Test
    void anAdmissionNotHandedToDetachedWorkGivesItsSlotsBack() {
        DetachedCommands detached = detached(1, 1);
        admit(detached, "ten_a").close();
        assertThat(admit(detached, "ten_a").admitted()).isTrue();
    }

    @Test
    void handingAPartitionOverWaitsForItsDetachedWorkOnly() throws Exception {
        DetachedCommands detached = detached(8, 8);
        Sinks.Empty<Void> done = Sinks.empty();
        admit(detached, "ten_a").detach("call_1", P0, done::asMono);

        detached.awaitPartitions(List.of(P1)); // nothing of P1 runs: returns at once
        CompletableFuture<Void> handover = CompletableFuture.runAsync(() -> detached.awaitPartitions(List.of(P0)));
        assertThat(handover).isNotDone();
        done.tryEmitEmpty();
        handover.get(5, TimeUnit.SECONDS);
    }
}
