// The Ringline softphone: a number key, the number's calls live (GET /v1/calls/events + GET /v1/calls), calls placed
// and answered with the browser's WebRTC (META) or a realtime PCM16 session (EVO_GO). Only the public API is used.

import { Api, ApiError } from './api.js';
import { audioContext, Ringtone } from './audio.js';
import { RealtimeMedia } from './realtime.js';
import { WebRtcMedia } from './webrtc.js';

const KEY_STORAGE = 'ringline.numberKey';
const TERMINAL = new Set(['COMPLETED', 'REJECTED', 'FAILED', 'MISSED']);
const E164 = /^\+[1-9][0-9]{6,14}$/;
const LIST_LIMIT = 50;

const $ = (id) => document.getElementById(id);
const ringtone = new Ringtone();

const state = {
  api: null,
  number: null, // {numberId, phone, provider, displayName} from the stream's ready event
  calls: new Map(),
  stream: null, // AbortController of the event stream
  ready: false,
  active: null, // {id, peer, direction, status, media, connectedAt}
  incoming: null, // {id, peer}
  lastCall: null, // stats of the last call, kept for a look after it ended
  callingDisabled: false,
  muted: false,
};

// ---------- messages ----------

function notice(text) {
  $('notice-text').textContent = text;
  $('notice').hidden = !text;
}

function describe(error) {
  return error instanceof ApiError ? error.describe() : error.message || String(error);
}

function fieldError(id, text) {
  const el = $(id);
  el.textContent = text || '';
  el.hidden = !text;
}

function connection(text) {
  $('connection').textContent = text;
  $('connection').hidden = !text;
  document.body.dataset.connection = text;
}

// ---------- sign in / out ----------

async function signIn(key) {
  audioContext(); // this click is the gesture that lets the page play the ring tone later
  state.api = new Api(key);
  state.ready = false;
  fieldError('signin-error', '');
  $('signin-button').disabled = true;
  $('signin-button').textContent = 'Signing in…';
  runStream(key);
}

function signOut(reason) {
  if (state.stream) state.stream.abort();
  state.stream = null;
  hangUpLocally();
  stopRinging();
  sessionStorage.removeItem(KEY_STORAGE);
  state.api = null;
  state.number = null;
  state.ready = false;
  state.calls.clear();
  state.callingDisabled = false;
  renderCalls();
  fieldError('calling-disabled', '');
  $('call').disabled = false;
  $('number').hidden = true;
  $('signout').hidden = true;
  connection('');
  $('phone').hidden = true;
  $('signin').hidden = false;
  document.body.dataset.view = 'signin';
  $('signin-button').disabled = false;
  $('signin-button').textContent = 'Sign in';
  if (reason) fieldError('signin-error', reason);
  $('key').value = '';
  $('key').focus();
}

async function runStream(key) {
  let delay = 1000;
  while (state.api && state.api.key === key) {
    const controller = new AbortController();
    state.stream = controller;
    try {
      await state.api.stream('/v1/calls/events', onEvent, controller.signal);
      if (controller.signal.aborted) return;
      connection('Reconnecting…');
      delay = 1000; // the stream had been up: start over with a short wait
    } catch (e) {
      if (controller.signal.aborted) return;
      if (e.status === 401 || e.status === 403 || !state.ready) {
        signOut(`That key was not accepted: ${describe(e)}`);
        return;
      }
      connection(`Reconnecting… (${describe(e)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 10000);
  }
}

function onReady(number) {
  const first = !state.ready;
  state.ready = true;
  state.number = number;
  sessionStorage.setItem(KEY_STORAGE, state.api.key);
  connection('Live');
  $('number').hidden = false;
  $('number').textContent = `${number.displayName ? number.displayName + ' · ' : ''}${number.phone} · ${
    number.provider === 'META' ? 'Meta Cloud API' : 'Evolution GO'}`;
  document.body.dataset.provider = number.provider;
  $('signout').hidden = false;
  if (first) {
    $('signin').hidden = true;
    $('phone').hidden = false;
    document.body.dataset.view = 'phone';
    $('to').focus();
    checkCalling();
  }
  loadCalls(); // after the stream is live, so nothing falls between the two
}

async function checkCalling() {
  if (state.number.provider !== 'META') return;
  try {
    const settings = await state.api.get('/v1/calls/settings');
    const status = settings && settings.calling && settings.calling.status;
    state.callingDisabled = status !== 'ENABLED';
    fieldError('calling-disabled', state.callingDisabled
      ? `Calling is not enabled on this number (Meta reports “${status}”). Enable it with PUT /v1/calls/settings.`
      : '');
    $('call').disabled = state.callingDisabled;
    document.body.dataset.callingEnabled = String(!state.callingDisabled);
  } catch (e) {
    notice(`Could not read this number's calling settings: ${describe(e)}`);
  }
}

// ---------- the call list ----------

async function loadCalls() {
  try {
    const page = await state.api.get(`/v1/calls?limit=${LIST_LIMIT}`);
    for (const call of page.calls) state.calls.set(call.id, call);
    renderCalls();
  } catch (e) {
    notice(`Could not load the calls: ${describe(e)}`);
  }
}

async function refreshCall(id) {
  try {
    const call = await state.api.get(`/v1/calls/${encodeURIComponent(id)}`);
    state.calls.set(call.id, call);
    renderCalls();
    return call;
  } catch (e) {
    return null;
  }
}

function duration(call) {
  let seconds = call.durationSeconds;
  if (call.status === 'ACCEPTED' && call.connectedAt) {
    seconds = Math.max(0, Math.round((Date.now() - Date.parse(call.connectedAt)) / 1000));
  }
  if (seconds == null) return '—';
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

const STATUS_TEXT = {
  INITIATED: 'Calling',
  RINGING: 'Ringing',
  ACCEPTED: 'In call',
  COMPLETED: 'Completed',
  REJECTED: 'Declined',
  FAILED: 'Failed',
  MISSED: 'Missed',
};

function renderCalls() {
  const rows = [...state.calls.values()]
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .slice(0, LIST_LIMIT);
  $('calls-empty').hidden = rows.length > 0;
  $('calls-table').hidden = rows.length === 0;
  const body = $('calls-body');
  body.replaceChildren(...rows.map((call) => {
    const tr = document.createElement('tr');
    tr.dataset.callId = call.id;
    tr.dataset.status = call.status;
    tr.dataset.direction = call.direction;
    tr.className = `status-${call.status.toLowerCase()}`;
    const when = new Date(call.createdAt);
    const cells = [
      when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
      call.direction === 'INBOUND' ? '↙ Incoming' : '↗ Outgoing',
      call.peerNumber,
      STATUS_TEXT[call.status] || call.status,
      duration(call),
    ];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i === 3) td.className = 'status';
      if (i === 4) td.className = 'duration';
      tr.append(td);
    });
    if (call.endReason && TERMINAL.has(call.status)) tr.title = `Ended: ${call.endReason}`;
    return tr;
  }));
}

// ---------- events ----------

function onEvent(name, data) {
  if (name === 'ready') {
    onReady(data);
    return;
  }
  if (!name.startsWith('call.') || !data.callId) return;
  const known = state.calls.get(data.callId) || {
    id: data.callId, externalCallId: data.externalCallId, provider: data.provider, direction: data.direction,
    peerNumber: data.peerNumber, createdAt: data.createdAt,
  };
  state.calls.set(data.callId, {
    ...known,
    status: data.status,
    endReason: data.endReason,
    durationSeconds: data.duration != null ? data.duration : known.durationSeconds,
    connectedAt: name === 'call.connected' ? data.createdAt : known.connectedAt,
  });
  renderCalls();
  refreshCall(data.callId);

  if (name === 'call.ringing' && data.direction === 'INBOUND' && !state.active && !state.incoming) {
    ring(data);
  }
  if (state.incoming && state.incoming.id === data.callId && TERMINAL.has(data.status)) {
    stopRinging();
    notice(data.status === 'MISSED' ? `Missed call from ${data.peerNumber}` : '');
  }
  const active = state.active;
  if (active && active.id === data.callId) {
    active.status = data.status;
    if (name === 'call.connected') connected(data.createdAt);
    if (TERMINAL.has(data.status)) endActive(`Call ${STATUS_TEXT[data.status].toLowerCase()}`);
    renderInCall();
  }
}

// ---------- incoming ----------

function ring(call) {
  state.incoming = { id: call.callId, peer: call.peerNumber };
  $('incoming-peer').textContent = call.peerNumber;
  $('incoming').hidden = false;
  document.body.dataset.ringing = 'true';
  ringtone.start();
  $('answer').focus();
}

function stopRinging() {
  ringtone.stop();
  state.incoming = null;
  $('incoming').hidden = true;
  document.body.dataset.ringing = 'false';
}

async function answer() {
  const incoming = state.incoming;
  if (!incoming) return;
  stopRinging();
  const provider = state.number.provider;
  const call = { id: incoming.id, peer: incoming.peer, direction: 'INBOUND', status: 'RINGING', media: null };
  state.active = call;
  showInCall();
  try {
    if (provider === 'META') {
      const details = await state.api.get(`/v1/calls/${encodeURIComponent(call.id)}?includeSdp=1`);
      if (!details.sdpOffer) throw new Error('The call carries no SDP offer to answer');
      call.media = new WebRtcMedia();
      const sdp = await call.media.answer(details.sdpOffer);
      await state.api.post(`/v1/calls/${encodeURIComponent(call.id)}/accept`, { sdp, sdpType: 'answer' });
    } else {
      await state.api.post(`/v1/calls/${encodeURIComponent(call.id)}/accept`);
      await startRealtime(call);
    }
    if (call.status !== 'ACCEPTED' && state.active === call) connected(new Date().toISOString());
  } catch (e) {
    notice(`The call could not be answered: ${describe(e)}`);
    endActive('Not answered');
  }
}

async function decline() {
  const incoming = state.incoming;
  if (!incoming) return;
  stopRinging();
  try {
    await state.api.post(`/v1/calls/${encodeURIComponent(incoming.id)}/reject`);
  } catch (e) {
    notice(`The call could not be declined: ${describe(e)}`);
  }
  $('to').focus();
}

// ---------- outgoing ----------

async function placeCall(to) {
  if (state.active) return;
  const provider = state.number.provider;
  const call = { id: null, peer: to, direction: 'OUTBOUND', status: 'INITIATED', media: null };
  state.active = call;
  showInCall();
  try {
    let placed;
    if (provider === 'META') {
      call.media = new WebRtcMedia();
      const sdp = await call.media.offer();
      placed = await state.api.post('/v1/calls', { to, sdp, sdpType: 'offer' });
    } else {
      placed = await state.api.post('/v1/calls', { to });
    }
    if (state.active !== call) return; // hung up while placing
    call.id = placed.id;
    call.status = placed.status;
    renderInCall();
    if (provider === 'META') awaitAnswerSdp(call);
    // Events about the call may have come before its id did: catch up from the call itself.
    const fresh = await refreshCall(call.id);
    if (fresh && state.active === call) {
      if (fresh.status === 'ACCEPTED') connected(fresh.connectedAt || new Date().toISOString());
      else if (TERMINAL.has(fresh.status)) endActive(`Call ${STATUS_TEXT[fresh.status].toLowerCase()}`);
    }
  } catch (e) {
    fieldError('dial-error', `The call could not be placed: ${describe(e)}`);
    endActive('Not placed');
  }
}

/** META: Meta's SDP answer reaches the call with its connect webhook; read it from the call until it is there. */
async function awaitAnswerSdp(call) {
  while (state.active === call && !TERMINAL.has(call.status)) {
    try {
      const details = await state.api.get(`/v1/calls/${encodeURIComponent(call.id)}?includeSdp=1`);
      if (details.sdpAnswer) {
        await call.media.applyAnswer(details.sdpAnswer);
        return;
      }
      if (TERMINAL.has(details.status)) return;
    } catch (e) {
      notice(`The call's answer could not be applied: ${describe(e)}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function startRealtime(call) {
  if (call.media) return;
  const media = new RealtimeMedia();
  call.media = media;
  media.onEnded = (event) => {
    if (state.active === call && !TERMINAL.has(call.status) && event.code !== 1000) {
      notice(`The call's audio stream closed (${event.code}${event.reason ? ': ' + event.reason : ''})`);
    }
  };
  // live: the microphone streams at real time, so audio a stalled tab sends late is dropped rather than delaying
  // the rest of the call (docs/api.md "Buffered or live")
  const session = await state.api.post(`/v1/calls/${encodeURIComponent(call.id)}/realtime-session`,
    { mode: 'talk', playout: 'live' });
  await media.start(session.wsUrl);
  if (state.muted) media.mute(true);
}

function connected(at) {
  const call = state.active;
  if (!call || call.connectedAt) return;
  call.status = 'ACCEPTED';
  call.connectedAt = Date.parse(at) || Date.now();
  if (state.number.provider === 'EVO_GO' && call.direction === 'OUTBOUND') {
    startRealtime(call).catch((e) => notice(`The call's audio could not start: ${describe(e)}`));
  }
  renderInCall();
}

async function hangUp() {
  const call = state.active;
  if (!call) return;
  if (call.id && !TERMINAL.has(call.status)) {
    try {
      await state.api.post(`/v1/calls/${encodeURIComponent(call.id)}/terminate`);
    } catch (e) {
      if (e.code !== 'INVALID_CALL_STATE') notice(`The call could not be hung up: ${describe(e)}`);
    }
  }
  endActive('Hung up');
}

function hangUpLocally() {
  if (state.active) endActive('');
}

function endActive(why) {
  const call = state.active;
  if (!call) return;
  if (call.media) {
    state.lastCall = { id: call.id, status: call.status, ...call.media.stats() };
    call.media.close();
  }
  state.active = null;
  state.muted = false;
  $('incall').hidden = true;
  $('incall').dataset.status = 'ENDED';
  document.body.dataset.inCall = 'false';
  if (why) connectionNote(why);
  $('to').focus();
}

function connectionNote(text) {
  $('last-call').textContent = text;
}

// ---------- in-call view ----------

function showInCall() {
  $('incall').hidden = false;
  $('mute').setAttribute('aria-pressed', 'false');
  $('mute').textContent = 'Mute';
  document.body.dataset.inCall = 'true';
  renderInCall();
  $('hangup').focus();
}

function renderInCall() {
  const call = state.active;
  if (!call) return;
  const view = $('incall');
  view.dataset.callId = call.id || '';
  view.dataset.status = call.status;
  $('incall-title').textContent = call.direction === 'INBOUND' ? 'Incoming call' : 'Outgoing call';
  $('incall-peer').textContent = call.peer;
  $('incall-status').textContent = call.status === 'ACCEPTED' ? 'Connected'
    : call.direction === 'OUTBOUND' ? 'Calling…' : 'Connecting…';
  tick();
}

function tick() {
  const call = state.active;
  if (call) {
    const seconds = call.connectedAt ? Math.max(0, Math.floor((Date.now() - call.connectedAt) / 1000)) : 0;
    $('incall-timer').textContent =
      `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    if (call.media) {
      const stats = call.media.stats();
      const view = $('incall');
      view.dataset.media = stats.media;
      view.dataset.rxPackets = stats.rxPackets;
      view.dataset.rxBytes = stats.rxBytes;
      view.dataset.txPackets = stats.txPackets;
      view.dataset.txBytes = stats.txBytes;
      view.dataset.rxToneHz = stats.rxToneHz == null ? '' : stats.rxToneHz;
      $('incall-media').textContent = `${stats.media === 'webrtc' ? 'WebRTC' : 'Realtime audio'} · ${
        stats.connection} · received ${stats.rxPackets} packets${stats.rxToneHz ? ` · hearing ${stats.rxToneHz} Hz` : ''}`;
    }
  }
  if ([...state.calls.values()].some((c) => c.status === 'ACCEPTED')) renderCalls();
}

function toggleMute() {
  const call = state.active;
  state.muted = !state.muted;
  $('mute').setAttribute('aria-pressed', String(state.muted));
  $('mute').textContent = state.muted ? 'Unmute' : 'Mute';
  if (call && call.media) call.media.mute(state.muted);
}

// ---------- wiring ----------

window.ringline = {
  /** For tests and the curious: what the page is doing now. */
  state: () => ({
    signedIn: state.ready,
    number: state.number,
    ringing: ringtone.playing,
    incoming: state.incoming && state.incoming.id,
    active: state.active && { id: state.active.id, status: state.active.status },
    calls: [...state.calls.values()].map((c) => ({ id: c.id, status: c.status, direction: c.direction })),
  }),
  /** Media figures of the call in progress (or the last one): packets, bytes, the tone heard. */
  stats: () => (state.active && state.active.media ? state.active.media.stats() : state.lastCall),
};

document.addEventListener('DOMContentLoaded', () => {
  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('key').value.trim();
    if (!key) {
      fieldError('signin-error', 'Enter a number API key.');
      $('key').focus();
      return;
    }
    signIn(key);
  });
  $('signout').addEventListener('click', () => signOut(''));
  $('notice-close').addEventListener('click', () => notice(''));
  $('dial-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const to = $('to').value.replace(/[\s()-]/g, '');
    if (!E164.test(to)) {
      fieldError('dial-error', 'Enter the number in E.164 form, e.g. +5511988887777.');
      $('to').setAttribute('aria-invalid', 'true');
      $('to').focus();
      return;
    }
    $('to').removeAttribute('aria-invalid');
    fieldError('dial-error', '');
    placeCall(to);
  });
  $('answer').addEventListener('click', answer);
  $('decline').addEventListener('click', decline);
  $('hangup').addEventListener('click', hangUp);
  $('mute').addEventListener('click', toggleMute);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      if (state.incoming) {
        event.preventDefault();
        decline();
      } else if (!$('dial-error').hidden) {
        fieldError('dial-error', '');
      } else if (!$('notice').hidden) {
        notice('');
      }
    }
  });
  setInterval(tick, 500);
  // A tab signed in from sessionStorage has had no gesture yet: the first one lets the ring tone play.
  for (const type of ['pointerdown', 'keydown']) {
    document.addEventListener(type, () => audioContext(), { once: true, capture: true });
  }

  const saved = sessionStorage.getItem(KEY_STORAGE);
  if (saved) signIn(saved);
  else $('key').focus();
});
