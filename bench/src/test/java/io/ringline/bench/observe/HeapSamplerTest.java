package io.ringline.bench.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapSamplerTest {

    private static final String SCRAPE = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{application="api-gateway",area="heap",id="Tenured Gen"} 4.0E7
            jvm_memory_used_bytes{application="api-gateway",area="nonheap",id="Metaspace"} 9.9E7
            jvm_memory_used_bytes{application="api-gateway",area="heap",id="Eden Space"} 2000000.0
            my_jvm_memory_used_bytes{area="heap"} 5.0
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="Allocation Failure"} 0.25
            jvm_gc_pause_seconds_sum{action="end of major GC",cause="Metadata GC Threshold"} 0.5
            """;

    @Test
    void sumsTheHeapPoolsAndTheGcPausesOfAScrape() {
        assertThat(HeapSampler.sum(SCRAPE, "jvm_memory_used_bytes{", "area=\"heap\"")).isEqualTo(42_000_000.0);
        assertThat(HeapSampler.sum(SCRAPE, "jvm_gc_pause_seconds_sum{", "")).isEqualTo(0.75);
    }
}
