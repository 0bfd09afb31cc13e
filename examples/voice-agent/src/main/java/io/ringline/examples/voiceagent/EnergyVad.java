package io.ringline.examples.voiceagent;

/**
 * An energy voice-activity detector over 20 ms PCM16 frames: the caller starts speaking after {@code startFrames}
 * loud frames in a row and has finished after {@code endFrames} quiet ones (a pause, not a breath). "Loud" is an RMS
 * level above {@code thresholdDbfs}. Good enough to take turns with a caller on a clean line; a real agent would use
 * a model-based detector (Silero, WebRTC VAD) the same way.
 */
public final class EnergyVad {

    /** What a frame changed. */
    public enum Change { NONE, SPEECH_STARTED, SPEECH_ENDED }

    private final double thresholdDbfs;
    private final int startFrames;
    private final int endFrames;
    private boolean speaking;
    private int run;

    public EnergyVad(double thresholdDbfs, int startFrames, int endFrames) {
        this.thresholdDbfs = thresholdDbfs;
        this.startFrames = startFrames;
        this.endFrames = endFrames;
    }

    /** The defaults of this example: -40 dBFS, 60 ms to start, 400 ms of quiet to end a turn. */
    public static EnergyVad forTurnTaking() {
        return new EnergyVad(-40, 3, 20);
    }

    public Change accept(byte[] pcm16) {
        boolean loud = levelDbfs(pcm16) > thresholdDbfs;
        if (loud == speaking) {
            run = 0; // the state goes on
            return Change.NONE;
        }
        run++;
        if (!speaking && run >= startFrames) {
            speaking = true;
            run = 0;
            return Change.SPEECH_STARTED;
        }
        if (speaking && run >= endFrames) {
            speaking = false;
            run = 0;
            return Change.SPEECH_ENDED;
        }
        return Change.NONE;
    }

    public boolean speaking() {
        return speaking;
    }

    /** RMS level of PCM16 little-endian samples, in dB relative to full scale (-120 for digital silence). */
    public static double levelDbfs(byte[] pcm16) {
        int samples = pcm16.length / 2;
        if (samples == 0) {
            return -120;
        }
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            int s = (short) ((pcm16[2 * i] & 0xFF) | (pcm16[2 * i + 1] << 8));
            sum += (double) s * s;
        }
        double rms = Math.sqrt(sum / samples);
        return rms < 1 ? -120 : 20 * Math.log10(rms / 32768.0);
    }
}
