// EVO_GO calls: Ringline's realtime session (SPEC §6.3). The microphone is resampled to PCM16 16 kHz mono in an
// AudioWorklet and sent in 20 ms frames on a `live` playout (the bridge drops what would play late and says so in
// `dropped` messages); received frames play through a second worklet that buffers at most 500 ms (the oldest audio
// is dropped beyond that, so playback never drifts behind the call).

import { audioContext, ToneMeter } from './audio.js';
import { microphone } from './webrtc.js';

const MAX_BUFFER_MS = 500;
let workletLoaded = null;

function loadWorklet(ctx) {
  if (!workletLoaded) workletLoaded = ctx.audioWorklet.addModule('/chat/audio-worklet.js');
  return workletLoaded;
}

export class RealtimeMedia {
  constructor() {
    this.kind = 'realtime';
    this.counters = { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0, dropped: 0, buffered: 0, txLateDroppedMs: 0 };
    this.playout = null;
    this.socket = null;
    this.stream = null;
    this.nodes = [];
    this.meter = null;
    this.closed = false;
    this.state = 'new';
    this.onEnded = null;
  }

  /** Opens the microphone and the WebSocket at wsUrl (which carries the session's single-use token). */
  async start(wsUrl) {
    const ctx = audioContext();
    await loadWorklet(ctx);
    this.stream = await microphone();
    if (this.closed) return this.close();

    const capture = new AudioWorkletNode(ctx, 'pcm16-capture', {
      processorOptions: { targetRate: 16000, frameSamples: 320 },
    });
    const player = new AudioWorkletNode(ctx, 'pcm16-player', {
      numberOfInputs: 0,
      outputChannelCount: [1],
      processorOptions: { sourceRate: 16000, maxBufferMs: MAX_BUFFER_MS },
    });
    const source = ctx.createMediaStreamSource(this.stream);
    const sink = ctx.createGain();
    sink.gain.value = 0; // the capture worklet must be pulled by the graph, but nobody should hear the microphone
    source.connect(capture).connect(sink).connect(ctx.destination);
    player.connect(ctx.destination);
    this.meter = new ToneMeter(player);
    this.capture = capture;
    this.nodes = [source, capture, sink, player];
    player.port.onmessage = (event) => {
      this.counters.dropped = event.data.dropped;
      this.counters.buffered = event.data.buffered;
    };

    this.socket = new WebSocket(wsUrl);
    this.socket.binaryType = 'arraybuffer';
    this.state = 'connecting';
    capture.port.onmessage = (event) => {
      if (this.socket && this.socket.readyState === WebSocket.OPEN) {
        this.socket.send(event.data);
        this.counters.txPackets++;
        this.counters.txBytes += event.data.byteLength;
      }
    };
    this.socket.onopen = () => {
      this.state = 'connected';
    };
    this.socket.onmessage = (event) => {
      if (typeof event.data === 'string') {
        this.control(event.data);
        return;
      }
      this.counters.rxPackets++;
      this.counters.rxBytes += event.data.byteLength;
      player.port.postMessage(event.data, [event.data]);
    };
    this.socket.onclose = (event) => {
      this.state = event.code === 1000 ? 'closed' : `closed (${event.code})`;
      if (!this.closed && this.onEnded) this.onEnded(event);
    };
  }

  /** The session's text messages: the playout it runs, and what the bridge dropped of ours (the rest is ignored). */
  control(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (message.type === 'start') this.playout = message.playout || null;
    if (message.type === 'dropped') this.counters.txLateDroppedMs = message.totalMs;
  }

  mute(on) {
    if (this.capture) this.capture.port.postMessage({ muted: on });
  }

  stats() {
    return {
      media: this.kind,
      connection: this.state,
      playout: this.playout,
      ...this.counters,
      rxToneHz: this.meter ? this.meter.toneHz : null,
      rxToneWindows: this.meter ? this.meter.toneWindows : 0,
    };
  }

  close() {
    this.closed = true;
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) this.socket.close(1000, 'hung up');
    if (this.meter) this.meter.stop();
    for (const node of this.nodes) {
      try {
        node.disconnect();
      } catch (e) {
        // already disconnected
      }
    }
    if (this.stream) for (const track of this.stream.getTracks()) track.stop();
  }
}
