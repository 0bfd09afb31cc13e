package io.ringline.platform.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class IdsTest {

    @Test
    void idsMadeAtOnceOnEventLoopThreadsAreUniqueAndIncreaseOnEachThread() {
        // Non-blocking threads (BlockHound is installed in these tests): a lock that parks a thread here fails.
        List<List<String>> perThread = Flux.range(0, 4)
                .flatMap(i -> Mono.fromCallable(() -> {
                    List<String> made = new ArrayList<>();
                    for (int n = 0; n < 20_000; n++) {
                        made.add(Ids.newId("call"));
                    }
                    return made;
                }).subscribeOn(Schedulers.parallel()))
                .collectList()
                .block(Duration.ofSeconds(60));

        Set<String> all = new HashSet<>();
        for (List<String> made : perThread) {
            assertThat(made).isSorted().doesNotHaveDuplicates();
            all.addAll(made);
            assertThat(made).allMatch(id -> Ids.isId("call", id));
        }
        assertThat(all).hasSize(4 * 20_000);
    }

    @Test
    void anIdIsItsPrefixAndAWellFormedUlid() {
        String id = Ids.newId("evt");

        assertThat(id).startsWith("evt_").hasSize(4 + 26);
        assertThat(Ids.isId("evt", id)).isTrue();
        assertThat(Ids.isId("call", id)).isFalse();
        assertThat(Ids.isId("evt", "evt_not-a-ulid")).isFalse();
    }

    @Test
    void anIdTellsWhenItWasMadeAndAnythingElseTellsNothing() {
        long before = System.currentTimeMillis();
        String id = Ids.newId("play");
        long after = System.currentTimeMillis();

        assertThat(Ids.createdAt("play", id).toEpochMilli()).isBetween(before, after);
        assertThat(Ids.createdAt("call", id)).as("another kind's prefix").isNull();
        assertThat(Ids.createdAt("play", "play_not-a-ulid")).isNull();
        assertThat(Ids.createdAt("play", null)).isNull();
    }
}
