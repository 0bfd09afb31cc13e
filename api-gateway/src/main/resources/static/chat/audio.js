// Sound for the softphone: one AudioContext (resumed by the sign-in gesture), a generated ring tone, and a meter
// that finds the tone in received audio (exposed for tests and shown as a level).

let context = null;

/** The page's AudioContext, created on the first user gesture (autoplay rules). */
export function audioContext() {
  if (!context) context = new AudioContext({ latencyHint: 'interactive' });
  if (context.state === 'suspended') context.resume().catch(() => {});
  return context;
}

/** A telephone ring made of two sine waves (400 + 450 Hz), 0.4 s on, 0.2 s off, 0.4 s on, 2 s off. */
export class Ringtone {
  constructor() {
    this.timer = null;
    this.gain = null;
    this.oscillators = [];
  }

  get playing() {
    return this.timer !== null;
  }

  start() {
    if (this.playing) return;
    const ctx = audioContext();
    this.gain = ctx.createGain();
    this.gain.gain.value = 0;
    this.gain.connect(ctx.destination);
    this.oscillators = [400, 450].map((hz) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = hz;
      osc.connect(this.gain);
      osc.start();
      return osc;
    });
    const cadence = () => {
      const t = ctx.currentTime;
      const g = this.gain.gain;
      g.cancelScheduledValues(t);
      g.setValueAtTime(0.12, t);
      g.setValueAtTime(0, t + 0.4);
      g.setValueAtTime(0.12, t + 0.6);
      g.setValueAtTime(0, t + 1.0);
    };
    cadence();
    this.timer = setInterval(cadence, 3000);
  }

  stop() {
    if (!this.playing) return;
    clearInterval(this.timer);
    this.timer = null;
    for (const osc of this.oscillators) {
      try {
        osc.stop();
      } catch (e) {
        // already stopped
      }
    }
    this.oscillators = [];
    this.gain.disconnect();
    this.gain = null;
  }
}

/**
 * Listens to received audio: level, and the frequency of a steady tone when there is one (a 100-4000 Hz peak at
 * least 25 dB above the spectrum's median, at least -60 dBFS). Counts 250 ms windows like the sandbox's detector.
 */
export class ToneMeter {
  constructor(source) {
    const ctx = audioContext();
    this.analyser = ctx.createAnalyser();
    this.analyser.fftSize = 8192;
    this.analyser.smoothingTimeConstant = 0;
    source.connect(this.analyser);
    this.spectrum = new Float32Array(this.analyser.frequencyBinCount);
    this.windows = 0;
    this.toneWindows = 0;
    this.counts = new Map();
    this.lastToneHz = null;
    this.levelDb = -Infinity;
    this.timer = setInterval(() => this.measure(ctx.sampleRate), 250);
  }

  measure(rate) {
    this.analyser.getFloatFrequencyData(this.spectrum);
    const binHz = rate / this.analyser.fftSize;
    const lo = Math.ceil(100 / binHz);
    const hi = Math.min(this.spectrum.length - 1, Math.floor(4000 / binHz));
    let peak = lo;
    for (let i = lo; i <= hi; i++) if (this.spectrum[i] > this.spectrum[peak]) peak = i;
    const sorted = Array.from(this.spectrum.subarray(lo, hi + 1)).sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1];
    this.windows++;
    this.levelDb = this.spectrum[peak];
    if (this.spectrum[peak] > -60 && this.spectrum[peak] - median > 25) {
      // Refine between bins with the neighbours (parabolic), then round to 10 Hz like the sandbox.
      const a = this.spectrum[peak - 1];
      const b = this.spectrum[peak];
      const c = this.spectrum[peak + 1];
      const offset = (a - c) / (2 * (a - 2 * b + c)) || 0;
      const hz = Math.round(((peak + offset) * binHz) / 10) * 10;
      this.toneWindows++;
      this.lastToneHz = hz;
      this.counts.set(hz, (this.counts.get(hz) || 0) + 1);
    }
  }

  /** The tone heard in most windows, or null. */
  get toneHz() {
    let best = null;
    let bestCount = 0;
    for (const [hz, count] of this.counts) {
      if (count > bestCount) {
        best = hz;
        bestCount = count;
      }
    }
    return best;
  }

  stop() {
    clearInterval(this.timer);
    try {
      this.analyser.disconnect();
    } catch (e) {
      // already disconnected
    }
  }
}
