/**
 * Test fixture: an event-stream reader, written from the HTML spec's parsing rules and independent
 * of the REST adapter's client (so the two check each other). It records every dispatched event
 * with the Last-Event-ID in force, the comments, and when the server ended it.
 *
 * Over node:http rather than fetch: Node's fetch (undici) opens a fresh idle connection after an
 * aborted response, and a connection that never sent a request keeps `server.close()` waiting.
 */
import http from 'node:http';
import type { RunningServer } from './server.js';

/** The parts of the response the tests look at. */
export interface StreamResponse {
  status: number;
  headers: Headers;
  /** The body of a response that is not a stream (an error). */
  text: string;
}

export interface SseEvent {
  /** The event's Last-Event-ID after this block (the `id:` it carried, or the one before). */
  id: string;
  event: string;
  data: string;
}

export class SseReader {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  /** The Last-Event-ID a reconnect would send (moved by `id:` lines with or without data). */
  lastEventId = '';
  /** Resolves when the server ended the response (or it broke); never rejects. */
  readonly ended: Promise<'end' | 'error'>;
  endedAt: number | null = null;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly response: StreamResponse,
    private readonly body: http.IncomingMessage,
    private readonly request: http.ClientRequest,
  ) {
    this.ended = this.read().then(
      () => 'end' as const,
      () => 'error' as const,
    );
    void this.ended.then(() => {
      this.endedAt = Date.now();
      this.wake();
    });
  }

  /** Opens `path` (default /events/stream); resolves with the response, its body read in the background. */
  static open(server: RunningServer, init: { token?: string; lastEventId?: string; path?: string } = {}): Promise<SseReader> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.lastEventId !== undefined) headers['last-event-id'] = init.lastEventId;
    return new Promise((resolve, reject) => {
      const request = http.get(`${server.url}${init.path ?? '/events/stream'}`, { headers, agent: false }, (res) => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        const response: StreamResponse = { status: res.statusCode ?? 0, headers: h, text: '' };
        resolve(new SseReader(response, res, request));
      });
      request.on('error', reject);
    });
  }

  /** Events other than `ready`, in arrival order. */
  get changes(): SseEvent[] {
    return this.events.filter((e) => e.event !== 'ready');
  }

  /** Waits until `test` holds over what arrived; fails naming `what` after `timeoutMs`. */
  async until(test: (r: SseReader) => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.events.map((e) => [e.id, e.event]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The events of one type whose JSON data matches. */
  find(event: string, match: (data: Record<string, unknown>) => boolean = () => true): SseEvent[] {
    return this.events.filter((e) => e.event === event && match(JSON.parse(e.data) as Record<string, unknown>));
  }

  close(): void {
    this.request.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private async read(): Promise<void> {
    if (!this.response.headers.get('content-type')?.startsWith('text/event-stream')) {
      for await (const chunk of this.body) this.response.text += String(chunk);
      return;
    }
    const decoder = new TextDecoder();
    let buffer = '';
    let data: string[] = [];
    let type = '';
    let id = this.lastEventId;
    for await (const chunk of this.body as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      // A lone CR at the end may be the first half of CRLF: keep it for the next chunk.
      let m: RegExpExecArray | null;
      const line = /\r\n|\n|\r(?!$)/g;
      let start = 0;
      while ((m = line.exec(buffer))) {
        const text = buffer.slice(start, m.index);
        start = m.index + m[0].length;
        if (text === '') {
          this.lastEventId = id;
          if (data.length) this.events.push({ id, event: type || 'message', data: data.join('\n') });
          data = [];
          type = '';
          this.wake();
        } else if (text.startsWith(':')) {
          this.comments.push(text.slice(1).trim());
        } else {
          const colon = text.indexOf(':');
          const field = colon < 0 ? text : text.slice(0, colon);
          const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') data.push(value);
          else if (field === 'event') type = value;
          else if (field === 'id' && !value.includes('\0')) id = value;
        }
      }
      buffer = buffer.slice(start);
    }
  }
}
