package io.ringline.bench.load;

/** How one operation ended: success or not, and a short label for the error tally (HTTP status, exception). */
public record Outcome(boolean ok, String error) {

    public static final Outcome OK = new Outcome(true, null);

    public static Outcome failed(String error) {
        return new Outcome(false, error);
    }
}
