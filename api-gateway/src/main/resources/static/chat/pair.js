// QR pairing of an Evolution GO number: GET /v1/numbers/{id}/pairing every 2 s shows the code GO shows now (it
// changes about every 20 s) until the number is CONNECTED. Tenant key, kept in this tab's sessionStorage only.

import { Api, ApiError } from './api.js';

const KEY_STORAGE = 'ringline.tenantKey';
const POLL_MS = 2000;
const $ = (id) => document.getElementById(id);
let api = null;
let numbers = [];
let poller = null;
let current = null;

function notice(text) {
  $('notice-text').textContent = text;
  $('notice').hidden = !text;
}

function describe(e) {
  return e instanceof ApiError ? e.describe() : e.message || String(e);
}

function show(section) {
  for (const id of ['signin', 'choose', 'pairing']) $(id).hidden = id !== section;
  document.body.dataset.view = section;
}

async function signIn(key) {
  api = new Api(key);
  try {
    const list = await api.get('/v1/numbers');
    sessionStorage.setItem(KEY_STORAGE, key);
    numbers = list.numbers.filter((n) => n.provider === 'EVO_GO');
    $('signout').hidden = false;
    $('signin-error').hidden = true;
    fillChoices();
    show('choose');
    $('number-select').focus();
  } catch (e) {
    api = null;
    sessionStorage.removeItem(KEY_STORAGE);
    $('signin-error').textContent = `That key was not accepted: ${describe(e)}`;
    $('signin-error').hidden = false;
    $('key').focus();
  }
}

function fillChoices() {
  const select = $('number-select');
  select.replaceChildren(...numbers.map((n) => {
    const option = document.createElement('option');
    option.value = n.id;
    option.textContent = `${n.phone}${n.displayName ? ' · ' + n.displayName : ''} (${n.evoGo.instanceName})`;
    return option;
  }));
  $('choose-empty').textContent = numbers.length ? '' : 'This tenant has no Evolution GO number yet: add one below.';
  select.disabled = numbers.length === 0;
}

function startPairing(number) {
  current = number;
  stopPolling();
  $('pairing-phone').textContent = number.phone;
  $('pairing-state').textContent = '…';
  $('qr').hidden = true;
  delete $('qr').dataset.payload;
  delete $('qr').dataset.refreshes;
  delete $('pairing-state').dataset.state;
  $('paired').hidden = true;
  $('key-shown').hidden = true;
  $('pairing-message').textContent = '';
  show('pairing');
  $('pairing-title').focus?.();
  poll();
}

function stopPolling() {
  if (poller) clearTimeout(poller);
  poller = null;
}

async function poll() {
  const number = current;
  try {
    const pairing = await api.get(`/v1/numbers/${encodeURIComponent(number.id)}/pairing`);
    if (current !== number) return;
    render(pairing);
    if (pairing.state === 'CONNECTED') return;
  } catch (e) {
    if (current !== number) return;
    $('pairing-message').textContent = `Could not read the pairing state: ${describe(e)} — retrying.`;
  }
  poller = setTimeout(poll, POLL_MS);
}

const STATE_TEXT = {
  PAIRING: 'Waiting for the phone to scan the code',
  CONNECTED: 'Connected',
  DISCONNECTED: 'Not connected',
};

function render(pairing) {
  const stateEl = $('pairing-state');
  stateEl.textContent = STATE_TEXT[pairing.state] || pairing.state;
  stateEl.dataset.state = pairing.state;
  document.body.dataset.pairingState = pairing.state;
  $('pairing-message').textContent = pairing.providerMessage ? `Evolution GO says: ${pairing.providerMessage}` : '';
  const qr = $('qr');
  if (pairing.state === 'PAIRING' && pairing.qr) {
    const image = $('qr-image');
    if (qr.dataset.payload !== pairing.qr.payload) {
      image.src = `data:image/png;base64,${pairing.qr.imagePng}`;
      image.alt = `QR code to link ${current.phone} to WhatsApp`;
      qr.dataset.payload = pairing.qr.payload;
      qr.dataset.refreshes = String(Number(qr.dataset.refreshes || -1) + 1);
    }
    qr.dataset.expiresAt = pairing.qr.expiresAt;
    const seconds = Math.max(0, Math.round((Date.parse(pairing.qr.expiresAt) - Date.now()) / 1000));
    $('qr-expiry').textContent = `A new code appears in about ${seconds} s.`;
    qr.hidden = false;
  } else {
    qr.hidden = true;
  }
  $('paired').hidden = pairing.state !== 'CONNECTED';
  if (pairing.state === 'CONNECTED') $('make-key').focus();
}

async function makeKey() {
  try {
    const key = await api.post('/v1/api-keys', { name: `softphone ${new Date().toISOString()}`, numberId: current.id });
    $('key-shown').textContent = `Number key (shown once): ${key.key}`;
    $('key-shown').hidden = false;
    sessionStorage.setItem('ringline.numberKey', key.key);
    location.assign('/chat');
  } catch (e) {
    notice(`Could not create a number key: ${describe(e)}`);
  }
}

async function addNumber() {
  const body = {
    phone: $('add-phone').value.trim(),
    provider: 'EVO_GO',
    evoGo: {
      baseUrl: $('add-base').value.trim(),
      instanceName: $('add-instance').value.trim(),
      instanceToken: $('add-token').value,
    },
  };
  try {
    const number = await api.post('/v1/numbers', body);
    numbers.push(number);
    fillChoices();
    $('add-error').hidden = true;
    $('add-token').value = '';
    startPairing(number);
  } catch (e) {
    $('add-error').textContent = `The number could not be added: ${describe(e)}`;
    $('add-error').hidden = false;
  }
}

window.ringlinePairing = {
  state: () => ({
    view: document.body.dataset.view,
    state: $('pairing-state').dataset.state || null,
    payload: $('qr').dataset.payload || null,
    refreshes: Number($('qr').dataset.refreshes || 0),
  }),
};

document.addEventListener('DOMContentLoaded', () => {
  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('key').value.trim();
    if (key) signIn(key);
  });
  $('choose-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const number = numbers.find((n) => n.id === $('number-select').value);
    if (number) startPairing(number);
  });
  $('add-form').addEventListener('submit', (event) => {
    event.preventDefault();
    addNumber();
  });
  $('make-key').addEventListener('click', makeKey);
  $('back').addEventListener('click', () => {
    stopPolling();
    current = null;
    show('choose');
    $('number-select').focus();
  });
  $('signout').addEventListener('click', () => {
    stopPolling();
    sessionStorage.removeItem(KEY_STORAGE);
    api = null;
    $('signout').hidden = true;
    show('signin');
    $('key').value = '';
    $('key').focus();
  });
  $('notice-close').addEventListener('click', () => notice(''));
  const saved = sessionStorage.getItem(KEY_STORAGE);
  if (saved) signIn(saved);
  else $('key').focus();
  const wanted = new URLSearchParams(location.search).get('number');
  if (wanted) {
    const waitForNumbers = setInterval(() => {
      const number = numbers.find((n) => n.id === wanted);
      if (number) {
        clearInterval(waitForNumbers);
        startPairing(number);
      }
    }, 200);
    setTimeout(() => clearInterval(waitForNumbers), 10000);
  }
});
