package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.support.FanoutIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The destination host — the key of the per-host in-flight bound — has two definitions, one for each side that
 * counts: the claim's, in SQL, and the dispatcher's, in Java, for the deliveries a poll leases itself. Were they to
 * differ, one host would have two counters and twice its bound. Both run here over the same URLs, on PostgreSQL.
 */
class DestinationHostIntegrationTest extends FanoutIntegrationTest {

    private static final List<String> URLS = List.of(
            "https://hooks.example.com/in",
            "https://Hooks.EXAMPLE.com:8443/in?x=1",
            "http://127.0.0.1:9000",
            "http://[::1]:8080/a",
            "HTTPS://Mixed.Case.Example/",
            "https://example.com?query",
            "https://example.com#frag",
            "https://user@example.com/",
            "https://xn--bcher-kva.example/",
            "not a url");

    @Test
    void javaAndPostgresqlAgreeOnEveryUrlsHost() {
        for (String url : URLS) {
            String inSql = db.sql("SELECT " + DestinationHost.sql("CAST(:url AS text)") + " AS host")
                    .bind("url", url)
                    .map(row -> Optional.ofNullable(row.get("host", String.class)))
                    .one()
                    .block(Duration.ofSeconds(10))
                    .orElse(null);
            assertThat(DestinationHost.of(url)).as(url).isEqualTo(inSql);
        }
        assertThat(DestinationHost.of("https://Hooks.EXAMPLE.com:8443/in?x=1")).isEqualTo("hooks.example.com");
        assertThat(DestinationHost.of("http://[::1]:8080/a")).isEqualTo("[::1]");
        assertThat(DestinationHost.of("not a url")).isNull();
    }
}
