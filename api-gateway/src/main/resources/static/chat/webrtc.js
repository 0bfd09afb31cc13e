// META calls: the browser's own RTCPeerConnection. One audio track, Opus only, no trickle ICE (the SDP leaves
// with every candidate once gathering is complete), a=setup:active on answers (Meta's rule).

import { audioContext, ToneMeter } from './audio.js';

const GATHERING_LIMIT_MS = 5000;

export async function microphone() {
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      video: false,
    });
  } catch (e) {
    const error = new Error(`The microphone could not be opened: ${e.message || e.name}`);
    error.code = 'MICROPHONE';
    throw error;
  }
}

function preferOpus(transceiver) {
  if (!RTCRtpReceiver.getCapabilities || !transceiver.setCodecPreferences) return;
  const codecs = RTCRtpReceiver.getCapabilities('audio').codecs.filter((c) =>
    /^audio\/(opus|telephone-event)$/i.test(c.mimeType));
  if (codecs.length) transceiver.setCodecPreferences(codecs);
}

function gathered(pc) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      if (pc.iceGatheringState === 'complete') {
        pc.removeEventListener('icegatheringstatechange', done);
        resolve();
      }
    };
    pc.addEventListener('icegatheringstatechange', done);
    // A network that never finishes gathering still gets a call with the candidates found so far.
    setTimeout(resolve, GATHERING_LIMIT_MS);
  });
}

export class WebRtcMedia {
  constructor() {
    this.kind = 'webrtc';
    this.pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this.stream = null;
    this.meter = null;
    this.player = null;
    this.counters = { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 };
    this.pc.addEventListener('track', (event) => this.hear(event.track));
    this.statsTimer = setInterval(() => this.readStats(), 1000);
  }

  /** Business-initiated: the offer to send with POST /v1/calls. */
  async offer() {
    this.stream = await microphone();
    const transceiver = this.pc.addTransceiver(this.stream.getAudioTracks()[0], {
      direction: 'sendrecv',
      streams: [this.stream],
    });
    preferOpus(transceiver);
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await gathered(this.pc);
    return this.pc.localDescription.sdp;
  }

  /** Meta's answer (from GET /v1/calls/{id}?includeSdp=1). */
  async applyAnswer(sdp) {
    if (this.pc.signalingState !== 'have-local-offer') return;
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  /** User-initiated: answers Meta's offer; the SDP to send with POST /v1/calls/{id}/accept. */
  async answer(offerSdp) {
    this.stream = await microphone();
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    const transceiver = this.pc.getTransceivers()[0];
    await transceiver.sender.replaceTrack(this.stream.getAudioTracks()[0]);
    transceiver.direction = 'sendrecv';
    transceiver.sender.setStreams(this.stream);
    preferOpus(transceiver);
    const answer = await this.pc.createAnswer();
    // Meta's side is passive (ICE-lite); the business must take the DTLS client role.
    answer.sdp = answer.sdp.replace(/a=setup:(actpass|passive)/g, 'a=setup:active');
    await this.pc.setLocalDescription(answer);
    await gathered(this.pc);
    return this.pc.localDescription.sdp;
  }

  hear(track) {
    if (this.meter) return;
    const remote = new MediaStream([track]);
    // Played through an <audio> element: Chrome only feeds WebRTC audio into Web Audio when it is also played.
    this.player = new Audio();
    this.player.autoplay = true;
    this.player.srcObject = remote;
    this.player.play().catch(() => {});
    this.meter = new ToneMeter(audioContext().createMediaStreamSource(remote));
  }

  mute(on) {
    if (this.stream) for (const track of this.stream.getAudioTracks()) track.enabled = !on;
  }

  async readStats() {
    try {
      const report = await this.pc.getStats();
      report.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          this.counters.rxPackets = s.packetsReceived || 0;
          this.counters.rxBytes = s.bytesReceived || 0;
        } else if (s.type === 'outbound-rtp' && s.kind === 'audio') {
          this.counters.txPackets = s.packetsSent || 0;
          this.counters.txBytes = s.bytesSent || 0;
        }
      });
    } catch (e) {
      // closed
    }
  }

  stats() {
    return {
      media: this.kind,
      connection: this.pc.connectionState,
      ...this.counters,
      rxToneHz: this.meter ? this.meter.toneHz : null,
      rxToneWindows: this.meter ? this.meter.toneWindows : 0,
    };
  }

  close() {
    clearInterval(this.statsTimer);
    this.readStats();
    if (this.meter) this.meter.stop();
    if (this.player) this.player.srcObject = null;
    if (this.stream) for (const track of this.stream.getTracks()) track.stop();
    this.pc.close();
  }
}
