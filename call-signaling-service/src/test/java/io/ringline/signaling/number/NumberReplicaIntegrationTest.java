package io.ringline.signaling.number;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.ids.Ids;
import io.ringline.signaling.call.Provider;
import io.ringline.signaling.support.IntegrationTest;
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

    private static NumberAccount revision(String id, long version, String baseUrl) {
        return new NumberAccount(id, "ten_test", Provider.EVO_GO, "+551130000000", baseUrl, "inst", "v1.sealed",
                version);
    }
}
