// The public API as the softphone uses it: every request carries the key in x-api-key; errors become ApiError
// with Ringline's {error, code, details}.

export class ApiError extends Error {
  constructor(status, body) {
    const message = (body && body.error) || `HTTP ${status}`;
    super(message);
    this.status = status;
    this.code = (body && body.code) || (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    this.details = (body && body.details) || null;
  }

  /** The message to show: Ringline's, plus the provider's own words when it refused. */
  describe() {
    const provider = this.details && (this.details.providerMessage || this.details.providerDetails);
    const code = this.details && this.details.providerCode ? ` ${this.details.providerCode}` : '';
    return provider ? `${this.message} (${this.code}): provider says${code} “${provider}”` : `${this.message} (${this.code})`;
  }
}

export class Api {
  constructor(key) {
    this.key = key;
  }

  async request(method, path, body) {
    const headers = { 'x-api-key': this.key, accept: 'application/json' };
    const init = { method, headers, cache: 'no-store' };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, { error: 'Ringline could not be reached', code: 'NETWORK' });
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body) {
    return this.request('POST', path, body);
  }

  /**
   * Reads a server-sent event stream (fetch, because EventSource cannot send x-api-key). Calls onEvent(name, data)
   * per event; resolves when the stream ends, rejects with ApiError when it is refused.
   */
  async stream(path, onEvent, signal) {
    let response;
    try {
      response = await fetch(path, { headers: { 'x-api-key': this.key, accept: 'text/event-stream' }, signal, cache: 'no-store' });
    } catch (e) {
      if (signal && signal.aborted) return;
      throw new ApiError(0, { error: 'Ringline could not be reached', code: 'NETWORK' });
    }
    if (!response.ok) {
      let json = null;
      try {
        json = await response.json();
      } catch (e) {
        json = null;
      }
      throw new ApiError(response.status, json);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let name = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length) {
            let parsed;
            try {
              parsed = JSON.parse(data.join('\n'));
            } catch (e) {
              continue;
            }
            onEvent(name, parsed);
          }
        }
      }
    } catch (e) {
      if (signal && signal.aborted) return;
      throw new ApiError(0, { error: 'The event stream was interrupted', code: 'NETWORK' });
    }
  }
}
