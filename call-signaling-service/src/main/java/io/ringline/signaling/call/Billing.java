package io.ringline.signaling.call;

/**
 * What Meta bills for an answered business-initiated call: whole 6-second pulses, a started pulse
 * counting in full.
 */
public record Billing(int pulses, int billableSeconds) {

    static final int PULSE_SECONDS = 6;

    public static Billing forAnsweredSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("duration cannot be negative: " + seconds);
        }
        int pulses = (seconds + PULSE_SECONDS - 1) / PULSE_SECONDS;
        return new Billing(pulses, pulses * PULSE_SECONDS);
    }
}
