// Audio worklets of the Ringline softphone's EVO_GO calls (realtime PCM16 sessions, SPEC §6.3).
// pcm16-capture: microphone at the context's rate -> low-pass -> 16 kHz -> 20 ms PCM16 LE frames (posted out).
// pcm16-player: 16 kHz PCM16 LE frames in -> bounded queue (oldest dropped past maxBufferMs) -> context rate.

const TAPS = 31;

/** A windowed-sinc low-pass at `cutoff` (fraction of the sample rate), so 16 kHz output does not alias. */
function lowPass(cutoff) {
  const taps = new Float32Array(TAPS);
  const mid = (TAPS - 1) / 2;
  let sum = 0;
  for (let i = 0; i < TAPS; i++) {
    const x = i - mid;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (TAPS - 1));
    taps[i] = sinc * hann;
    sum += taps[i];
  }
  for (let i = 0; i < TAPS; i++) taps[i] /= sum;
  return taps;
}

class Pcm16Capture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const opts = options.processorOptions || {};
    this.targetRate = opts.targetRate || 16000;
    this.frameSamples = opts.frameSamples || 320; // 20 ms at 16 kHz
    this.step = sampleRate / this.targetRate; // input samples per output sample
    this.taps = lowPass((0.45 * this.targetRate) / sampleRate);
    this.history = new Float32Array(TAPS);
    this.historyAt = 0;
    this.position = 0; // input samples until the next output sample
    this.previous = 0;
    this.frame = new Int16Array(this.frameSamples);
    this.filled = 0;
    this.muted = false;
    this.port.onmessage = (event) => {
      if (event.data && typeof event.data.muted === 'boolean') this.muted = event.data.muted;
    };
  }

  filter(sample) {
    this.history[this.historyAt] = sample;
    this.historyAt = (this.historyAt + 1) % TAPS;
    let acc = 0;
    for (let i = 0; i < TAPS; i++) acc += this.taps[i] * this.history[(this.historyAt + i) % TAPS];
    return acc;
  }

  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length; i++) {
      const current = this.filter(this.muted ? 0 : input[i]);
      // Output samples that fall between the previous and the current input sample, linearly interpolated.
      while (this.position <= 1) {
        const value = this.previous + (current - this.previous) * this.position;
        const clamped = Math.max(-1, Math.min(1, value));
        this.frame[this.filled++] = clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff;
        if (this.filled === this.frameSamples) {
          const out = this.frame.buffer.slice(0);
          this.port.postMessage(out, [out]);
          this.filled = 0;
        }
        this.position += this.step;
      }
      this.position -= 1;
      this.previous = current;
    }
    return true;
  }
}

class Pcm16Player extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const opts = options.processorOptions || {};
    this.sourceRate = opts.sourceRate || 16000;
    this.capacity = Math.round((this.sourceRate * (opts.maxBufferMs || 500)) / 1000);
    this.queue = new Float32Array(this.capacity);
    this.readAt = 0;
    this.size = 0;
    this.fraction = 0;
    this.step = this.sourceRate / sampleRate; // source samples per output sample
    this.dropped = 0;
    this.underruns = 0;
    this.port.onmessage = (event) => this.enqueue(event.data);
  }

  enqueue(buffer) {
    if (!(buffer instanceof ArrayBuffer)) return;
    const samples = new Int16Array(buffer, 0, buffer.byteLength >> 1);
    for (let i = 0; i < samples.length; i++) {
      if (this.size === this.capacity) {
        // Bounded: beyond maxBufferMs the oldest audio goes, so playback never lags more than that.
        this.readAt = (this.readAt + 1) % this.capacity;
        this.size--;
        this.dropped++;
      }
      this.queue[(this.readAt + this.size) % this.capacity] = samples[i] / 0x8000;
      this.size++;
    }
  }

  process(inputs, outputs) {
    const out = outputs[0][0];
    for (let i = 0; i < out.length; i++) {
      if (this.size < 2) {
        out[i] = 0;
        this.underruns++;
        continue;
      }
      const a = this.queue[this.readAt];
      const b = this.queue[(this.readAt + 1) % this.capacity];
      out[i] = a + (b - a) * this.fraction;
      this.fraction += this.step;
      while (this.fraction >= 1 && this.size >= 2) {
        this.fraction -= 1;
        this.readAt = (this.readAt + 1) % this.capacity;
        this.size--;
      }
    }
    if ((currentFrame & 0x3fff) < out.length) {
      this.port.postMessage({ buffered: this.size, dropped: this.dropped, underruns: this.underruns });
    }
    return true;
  }
}

registerProcessor('pcm16-capture', Pcm16Capture);
registerProcessor('pcm16-player', Pcm16Player);
