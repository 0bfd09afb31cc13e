package io.ringline.bench.report;

/** Numbers as the report shows them: rounded, and {@code null} instead of NaN or infinity. */
public final class Num {

    private Num() {
    }

    public static Double round(double value) {
        return round(value, 2);
    }

    public static Double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    public static String text(Double value) {
        if (value == null) {
            return "–";
        }
        if (Math.abs(value) >= 100) {
            return String.format("%,.0f", value);
        }
        return String.format("%.2f", value);
    }
}
