package io.ringline.signaling.number;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.ids.Ids;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The replica keeps the newest revision of each number, whatever order revisions are seen in. */
class NumberReplicaIntegrationTest extends IntegrationTest {

    @Autowired
    NumberReplica replica;

    @Test
    void theNewestRevisionWins() {
        String id = Ids.newId("num");

        replica.remember(revision(id, 2, "http://go-v2")).block();
        replica.remember(revision(id, 1, "http://go-v1")).block(); // older, seen late
        // another instance of the service, which has not seen revision 2, also gets the old one
        new NumberReplica(db).remember(revision(id, 1, "http://go-v1")).block();
        assertThat(replica.find(id).block().baseUrl()).isEqualTo("http://go-v2");

        replica.remember(revision(id, 3, "http://go-v3")).block();
        NumberAccount stored = replica.find(id).block();
        assertThat(stored.baseUrl()).isEqualTo("http://go-v3");
        assertThat(stored.version()).isEqualTo(3);
        assertThat(stored.provider()).isEqualTo(Provider.EVO_GO);
    }

    @Test
    void aDeletionIsARevisionLikeAnyOtherAndOtherInstancesReadItFromTheTable() {
        String id = Ids.newId("num");
        replica.apply(revision(id, 1, "http://go-v1"), false).block();
        replica.apply(revision(id, 2, "http://go-v1"), true).block();
        replica.apply(revision(id, 1, "http://go-v1"), false).block(); // a replay of the topic from its start

        NumberReplica.Replicated here = replica.atLeast(id, 1, Duration.ofSeconds(1)).block();
        assertThat(here.deleted()).isTrue();
        assertThat(here.account().version()).isEqualTo(2);
        NumberReplica.Replicated elsewhere = new NumberReplica(db).atLeast(id, 2, Duration.ofSeconds(1)).block();
        assertThat(elsewhere.deleted()).isTrue();
    }

    @Test
    void aRevisionNotReplicatedYetIsWaitedForThenReportedMissing() {
        String id = Ids.newId("num");
        replica.apply(revision(id, 1, "http://go-v1"), false).block();

        assertThat(replica.atLeast(id, 2, Duration.ofMillis(300)).blockOptional(Duration.ofSeconds(5))).isEmpty();
        assertThat(replica.atLeast(Ids.newId("num"), 1, Duration.ofMillis(300)).blockOptional(Duration.ofSeconds(5)))
                .as("a number never replicated").isEmpty();

        var waiting = new NumberReplica(db).atLeast(id, 2, Duration.ofSeconds(20)).toFuture();
        replica.apply(revision(id, 2, "http://go-v2"), false).block();
        assertThat(waiting.join().account().baseUrl()).isEqualTo("http://go-v2");
    }

    private static NumberAccount revision(String id, long version, String baseUrl) {
        return new NumberAccount(id, "ten_test", Provider.EVO_GO, "+551130000000", baseUrl, "inst", "v1.sealed",
                version);
    }
}
