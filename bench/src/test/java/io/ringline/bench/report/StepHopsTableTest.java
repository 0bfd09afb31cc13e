package io.ringline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepHopsTableTest {

    @Test
    void eachStepIsARowAndEachHopAColumnInPathOrderWithADashWhereAStepHadNone() {
        Map<String, Double> first = new LinkedHashMap<>();
        first.put("POST (gateway)", 14.5);
        first.put("command round trip", 12.4);
        Map<String, Double> second = new LinkedHashMap<>();
        second.put("POST (gateway)", 40.25);
        StringBuilder md = new StringBuilder();

        MarkdownReport.hops(md, List.of(new StepHops(5.0, first), new StepHops(50.0, second)), "a call");

        assertThat(md.toString()).contains("| offered /s | POST (gateway) | command round trip |\n|---|---|---|\n"
                + "| 5.00 | 14.50 | 12.40 |\n| 50.00 | 40.25 | – |\n");
    }

    @Test
    void noTimerReadInAnyStepWritesNoTable() {
        StringBuilder md = new StringBuilder();

        MarkdownReport.hops(md, List.of(new StepHops(5.0, Map.of())), "a call");

        assertThat(md.toString()).isEmpty();
    }
}
