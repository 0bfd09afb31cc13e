package io.ringline.bench.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code chart.png}: panels drawn with XChart — calls' POST latency percentiles against the offered rate, the
 * actions' terminate and accepts' accept latency percentiles likewise,
 * signals' and fan-out's delivery p99 against the offered rate, and the CPU each component used at each calls step.
 */
public final class Charts {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 420;

    private Charts() {
    }

    public static void write(Results results, Path file) {
        System.setProperty("java.awt.headless", "true");
        List<BufferedImage> panels = new ArrayList<>();
        var scenarios = results.scenarios();
        if (scenarios.calls() != null) {
            panels.add(latency("calls: POST /v1/calls latency (from intended start) vs offered rate",
                    "offered rate (calls/s)", scenarios.calls().steps()));
        }
        if (scenarios.actions() != null && !scenarios.actions().steps().isEmpty()) {
            panels.add(latency("actions: POST /v1/calls/{id}/terminate latency (from intended start) vs offered rate",
                    "offered rate (terminates/s)", scenarios.actions().steps()));
        }
        if (scenarios.accepts() != null && !scenarios.accepts().steps().isEmpty()) {
            panels.add(latency("accepts: POST /v1/calls/{id}/accept latency (from intended start) vs offered rate",
                    "offered rate (accepts/s)", scenarios.accepts().steps()));
        }
        List<Series> delivery = new ArrayList<>();
        if (scenarios.signals() != null) {
            delivery.add(new Series("signals: signal → webhook p99", scenarios.signals().steps(), StepReport::p99Ms));
        }
        if (scenarios.fanout() != null) {
            delivery.add(new Series("fan-out mixed: healthy p99", scenarios.fanout().steps(), StepReport::p99Ms));
            delivery.add(new Series("fan-out baseline: p99", scenarios.fanout().baselineSteps(), StepReport::p99Ms));
        }
        panels.add(chart("webhook delivery p99 vs offered rate (signals/s, deliveries/s)", "offered rate (/s)",
                "p99 (ms)", true, delivery));
        if (scenarios.calls() != null) {
            panels.add(cpu(scenarios.calls().steps()));
        }
        if (scenarios.media() != null && !scenarios.media().steps().isEmpty()) {
            panels.add(media(scenarios.media().steps()));
        }
        BufferedImage all = new BufferedImage(WIDTH, HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), 0, i * HEIGHT, null);
        }
        g.dispose();
        try {
            ImageIO.write(all, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private record Series(String name, List<StepReport> steps, Function<StepReport, Double> y) {
    }

    private static BufferedImage latency(String title, String xLabel, List<StepReport> steps) {
        return chart(title, xLabel, "latency (ms)", true, List.of(
                new Series("p50", steps, StepReport::p50Ms), new Series("p90", steps, StepReport::p90Ms),
                new Series("p99", steps, StepReport::p99Ms), new Series("max", steps, StepReport::maxMs)));
    }

    private static BufferedImage cpu(List<StepReport> steps) {
        Set<String> components = new LinkedHashSet<>();
        steps.forEach(step -> components.addAll(step.cpuPct().keySet()));
        List<Series> series = new ArrayList<>();
        for (String component : components) {
            series.add(new Series(component, steps, step -> step.cpuPct().get(component)));
        }
        return chart("calls: CPU per component (% of one core; the machine has "
                + Runtime.getRuntime().availableProcessors() + " cores)", "offered rate (calls/s)", "CPU (%)", false,
                series);
    }

    /** Relay p50/p99 and the bridge's CPU (in tenths of a core, to share the axis) against concurrent sessions. */
    private static BufferedImage media(List<io.ringline.bench.scenario.MediaReport.Step> steps) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("media: relay latency (ms) and bridge CPU (% of a core ÷ 10) vs concurrent sessions")
                .xAxisTitle("concurrent realtime sessions").yAxisTitle("ms  |  CPU % ÷ 10").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        List<Double> xs = steps.stream().map(s -> (double) s.sessions()).toList();
        addIfAny(chart, "relay p50", xs, steps.stream().map(s -> s.relayP50Ms()).toList());
        addIfAny(chart, "relay p99", xs, steps.stream().map(s -> s.relayP99Ms()).toList());
        addIfAny(chart, "control p99 (no bridge)", xs, steps.stream().map(s -> s.directP99Ms()).toList());
        addIfAny(chart, "added p99", xs, steps.stream().map(s -> s.addedP99Ms()).toList());
        addIfAny(chart, "bridge CPU ÷ 10", xs, steps.stream()
                .map(s -> s.bridgeCpuPct() == null ? null : s.bridgeCpuPct() / 10).toList());
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no data", List.of(1.0), List.of(1.0));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static void addIfAny(XYChart chart, String name, List<Double> xs, List<Double> ys) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            if (ys.get(i) != null && !ys.get(i).isNaN()) {
                x.add(xs.get(i));
                y.add(ys.get(i));
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
    }

    private static BufferedImage chart(String title, String xTitle, String yTitle, boolean logY, List<Series> all) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        boolean any = false;
        for (Series s : all) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (StepReport step : s.steps()) {
                Double y = s.y().apply(step);
                if (step.offeredPerSec() != null && step.offeredPerSec() > 0 && y != null && (!logY || y > 0)) {
                    xs.add(step.offeredPerSec());
                    ys.add(y);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(s.name(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
                any = true;
            }
        }
        if (!any) {
            chart.addSeries("no data", List.of(1.0), List.of(1.0));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
