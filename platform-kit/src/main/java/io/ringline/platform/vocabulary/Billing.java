package io.ringline.platform.vocabulary;

/**
 * What Meta bills for an answered business-initiated call: whole 6-second pulses, a started pulse counting in full.
 * Signaling computes it, the call-events contract carries it, the webhook and the event stream show it as
 * {@code {pulses, billableSeconds}}.
 */
public record Billing(int pulses, int billableSeconds) {

    public static final int PULSE_SECONDS = 6;

    public Billing {
        if (pulses < 0) {
            throw new IllegalArgumentException("pulses cannot be negative: " + pulses);
        }
        if (billableSeconds != pulses * PULSE_SECONDS) {
            throw new IllegalArgumentException(
                    "billableSeconds must be " + PULSE_SECONDS + " per pulse: " + pulses + " pulses, " + billableSeconds + " s");
        }
    }

    public static Billing forAnsweredSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("duration cannot be negative: " + seconds);
        }
        int pulses = (seconds + PULSE_SECONDS - 1) / PULSE_SECONDS;
        return new Billing(pulses, pulses * PULSE_SECONDS);
    }
}
