/**
 * The REST adapter's live updates: one connection per adapter, shared by every subscriber, pushed
 * over GET /events/stream when the server offers it, polled from GET /events otherwise.
 *
 * How it knows: by the first answer. The stream is tried first; 404, 405, 501 or a 2xx that is not
 * `text/event-stream` (an HTML fallback page) mean "no stream here", and the adapter polls for the
 * rest of its life. A stream whose `ready` frame does not come within `readyTimeoutMs` is behind a
 * proxy that buffers, and repeated connection failures (network trouble, 5xx) back off and then
 * poll too; those two try the stream again after `probeAgainMs`. Stream ids and polling cursors
 * are the same numbers, so a switch either way continues where the other stopped.
 */
import { type AdapterEvent, type SubscribeTarget } from '@case-portal/core';
import { parseRetryAfter } from './http-errors.js';
import { pageHidden, startPolling, type FetchEvents } from './poller.js';
import { EventStreamParser, type StreamEvent } from './sse-parser.js';

export interface EventStreamOptions {
  /** The `ready` frame must arrive this soon after the request, or a proxy is buffering: poll. Default 10 s. */
  readyTimeoutMs?: number;
  /** Silence (not even a heartbeat) this long means a dead connection: reconnect. Default 45 s, or three heartbeats once `ready` names them. */
  idleTimeoutMs?: number;
  /** The first pause after a failed connection; it doubles each time. Default 1 s. */
  retryMs?: number;
  /** The longest pause between attempts. Default 30 s. */
  maxRetryMs?: number;
  /** Failed connections in a row before polling instead. Default 3. */
  failuresBeforePolling?: number;
  /** After falling back for a buffering proxy or failures, try the stream again this much later. Default 5 min. */
  probeAgainMs?: number;
}

const DEFAULTS: Required<EventStreamOptions> = {
  readyTimeoutMs: 10_000,
  idleTimeoutMs: 45_000,
  retryMs: 1_000,
  maxRetryMs: 30_000,
  failuresBeforePolling: 3,
  probeAgainMs: 5 * 60_000,
};

export interface LiveEventsDeps {
  /** GET /events/stream with the adapter's headers, a fresh token and `Last-Event-ID` when given; rejects like fetch. */
  openStream(lastEventId: string | null, signal: AbortSignal): Promise<Response>;
  fetchEvents: FetchEvents;
  pollIntervalMs: number;
  whenHidden: boolean;
  /** false: poll only. */
  stream: boolean | EventStreamOptions;
}

interface Subscriber {
  target: SubscribeTarget;
  onEvent: (event: AdapterEvent) => void;
  /**
   * Subscribed while no connection knew its position yet: an event committed between the
   * subscriber's own load and the first connection's "now" would be missed, so it hears a `reset`
   * (reload what you show) once the position is known.
   */
  beforePosition: boolean;
}

type Outcome =
  | { kind: 'stopped' }
  | { kind: 'paused' }
  | { kind: 'unsupported' }
  | { kind: 'buffered' }
  /** It worked (ready came) and then ended: token expiry, a restart, a dropped connection. */
  | { kind: 'ended'; retryMs: number }
  | { kind: 'failed'; retryAfterMs?: number };

type AbortWhy = 'stop' | 'pause' | 'buffered' | 'idle';

const EVENT_TYPES = new Set(['case-changed', 'message-added']);

/** A frame's data as an AdapterEvent, or null when it is not one this client knows. */
function adapterEvent(frame: StreamEvent): AdapterEvent | null {
  if (!EVENT_TYPES.has(frame.type)) return null;
  let value: unknown;
  try {
    value = JSON.parse(frame.data);
  } catch {
    return null;
  }
  const e = value as { type?: unknown; caseId?: unknown; message?: unknown };
  if (!e || e.type !== frame.type || typeof e.caseId !== 'string') return null;
  if (e.type === 'message-added' && (typeof e.message !== 'object' || e.message === null)) return null;
  return value as AdapterEvent;
}

export class LiveEvents {
  readonly #deps: LiveEventsDeps;
  readonly #options: Required<EventStreamOptions> | null;
  readonly #subscribers = new Set<Subscriber>();
  /** The last event id seen (stream) or cursor answered (polling): where the next connection goes on from. */
  #cursor: string | null = null;
  /** The server has no event stream: poll for the rest of this adapter's life. */
  #unsupported = false;
  #stopCurrent: (() => void) | null = null;

  constructor(deps: LiveEventsDeps) {
    this.#deps = deps;
    this.#options = deps.stream === false ? null : { ...DEFAULTS, ...(deps.stream === true ? {} : deps.stream) };
  }

  subscribe(target: SubscribeTarget, onEvent: (event: AdapterEvent) => void): () => void {
    const subscriber: Subscriber = { target: { ...target }, onEvent, beforePosition: this.#cursor === null };
    this.#subscribers.add(subscriber);
    if (this.#subscribers.size === 1) this.#start();
    return () => {
      if (!this.#subscribers.delete(subscriber) || this.#subscribers.size) return;
      this.#stopCurrent?.();
      this.#stopCurrent = null;
      // The next subscriber starts from "now": replaying what happened in between would show it as new.
      this.#cursor = null;
    };
  }

  #start(): void {
    if (this.#options && !this.#unsupported) this.#streamLoop(this.#options);
    else this.#poll(null);
  }

  #dispatch(event: AdapterEvent): void {
    for (const s of [...this.#subscribers]) {
      if (!this.#subscribers.has(s)) continue;
      if (s.target.caseId && s.target.caseId !== event.caseId) continue;
      s.onEvent(event);
    }
  }

  /** Everyone reloads (or only those subscribed before the position was known): a subscriber of one case hears it with that case's id. */
  #reset(onlyBeforePosition = false): void {
    for (const s of [...this.#subscribers]) {
      if (!this.#subscribers.has(s) || (onlyBeforePosition && !s.beforePosition)) continue;
      s.beforePosition = false;
      s.onEvent(s.target.caseId ? { type: 'reset', caseId: s.target.caseId } : { type: 'reset' });
    }
  }

  /** A connection that started from nothing has learnt where "now" is. */
  #positionKnown(): void {
    this.#reset(true);
  }

  /** The one case every subscriber follows, if they all follow the same: polls narrow to it. */
  #narrowTo(): string | undefined {
    let only: string | undefined;
    for (const s of this.#subscribers) {
      if (!s.target.caseId || (only && only !== s.target.caseId)) return undefined;
      only = s.target.caseId;
    }
    return only;
  }

  /** Polls from where the stream stopped; with `probeAfterMs`, goes back to the stream later. */
  #poll(probeAfterMs: number | null): void {
    const stopPolling = startPolling(this.#deps.fetchEvents, () => this.#narrowTo(), (e) => this.#dispatch(e), {
      intervalMs: this.#deps.pollIntervalMs,
      whenHidden: this.#deps.whenHidden,
      since: this.#cursor,
      onCursor: (c) => {
        const first = this.#cursor === null;
        this.#cursor = c;
        if (first) this.#positionKnown();
      },
      onReset: () => this.#reset(),
    });
    let probe: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      clearTimeout(probe);
      stopPolling();
    };
    this.#stopCurrent = stop;
    if (probeAfterMs !== null && this.#options) {
      const options = this.#options;
      probe = setTimeout(() => {
        if (this.#stopCurrent !== stop) return;
        stop();
        this.#streamLoop(options);
      }, probeAfterMs);
    }
  }

  #streamLoop(options: Required<EventStreamOptions>): void {
    let stopped = false;
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wake: (() => void) | null = null;
    const paused = () => !this.#deps.whenHidden && pageHidden();
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        wake = resolve;
        if (Number.isFinite(ms)) timer = setTimeout(resolve, ms);
      });
    const onVisibility = () => {
      if (paused()) controller?.abort('pause' satisfies AbortWhy);
      else wake?.();
    };
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort('stop' satisfies AbortWhy);
      wake?.();
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
    };
    this.#stopCurrent = stop;
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);

    const fallBack = (probeAfterMs: number | null) => {
      stop();
      if (this.#stopCurrent === stop) this.#poll(probeAfterMs);
    };

    void (async () => {
      let failures = 0;
      while (!stopped) {
        if (paused()) {
          // A hidden page holds no connection; the reconnect replays what it missed.
          await sleep(Infinity);
          continue;
        }
        controller = new AbortController();
        const outcome = await this.#connect(controller, options);
        controller = null;
        if (stopped || outcome.kind === 'stopped') return;
        switch (outcome.kind) {
          case 'paused':
            continue;
          case 'unsupported':
            this.#unsupported = true;
            return fallBack(null);
          case 'buffered':
            return fallBack(options.probeAgainMs);
          case 'ended':
            failures = 0;
            await sleep(outcome.retryMs);
            continue;
          case 'failed': {
            failures++;
            if (failures >= options.failuresBeforePolling) return fallBack(options.probeAgainMs);
            const backoff = Math.min(options.retryMs * 2 ** (failures - 1), options.maxRetryMs);
            // Jitter, so a restarted server is not met by every page at the same millisecond.
            await sleep(Math.max(backoff * (0.5 + Math.random() / 2), outcome.retryAfterMs ?? 0));
          }
        }
      }
    })();
  }

  /** One connection, from request to its end. */
  async #connect(controller: AbortController, options: Required<EventStreamOptions>): Promise<Outcome> {
    const { signal } = controller;
    const why = (): Outcome => {
      const reason = signal.reason as AbortWhy;
      if (reason === 'stop') return { kind: 'stopped' };
      if (reason === 'pause') return { kind: 'paused' };
      if (reason === 'buffered') return { kind: 'buffered' };
      return { kind: 'failed' };
    };
    // From the request on: a proxy that buffers may hold back the headers as well as the body.
    const readyTimer = setTimeout(() => controller.abort('buffered' satisfies AbortWhy), options.readyTimeoutMs);
    let res: Response;
    const from = this.#cursor;
    try {
      res = await this.#deps.openStream(from, signal);
    } catch {
      clearTimeout(readyTimer);
      return signal.aborted ? why() : { kind: 'failed' };
    }
    const type = res.headers.get('Content-Type') ?? '';
    if (res.status === 404 || res.status === 405 || res.status === 501 || (res.ok && !/^text\/event-stream\b/i.test(type)) || (res.ok && !res.body)) {
      clearTimeout(readyTimer);
      void res.body?.cancel().catch(() => {});
      return { kind: 'unsupported' };
    }
    if (!res.ok) {
      clearTimeout(readyTimer);
      void res.body?.cancel().catch(() => {});
      const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
      return { kind: 'failed', retryAfterMs: retryAfter === undefined ? undefined : retryAfter * 1000 };
    }

    let ready = false;
    let idleMs = options.idleTimeoutMs;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const stillAlive = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => controller.abort('idle' satisfies AbortWhy), idleMs);
    };
    const parser = new EventStreamParser((frame) => {
      if (signal.aborted) return;
      if (frame.lastEventId) this.#cursor = frame.lastEventId;
      if (frame.type === 'ready') {
        ready = true;
        if (from === null) this.#positionKnown();
        clearTimeout(readyTimer);
        const heartbeatMs = Number((JSON.parse(frame.data) as { heartbeatMs?: unknown }).heartbeatMs);
        if (Number.isFinite(heartbeatMs) && heartbeatMs > 0) idleMs = heartbeatMs * 3;
        stillAlive();
      } else if (frame.type === 'reset') {
        this.#reset();
      } else {
        const event = adapterEvent(frame);
        if (event) this.#dispatch(event);
      }
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    stillAlive();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || signal.aborted) break;
        stillAlive();
        try {
          parser.push(decoder.decode(value, { stream: true }));
        } catch {
          // A `ready` whose data is not JSON: the stream is not what this client speaks.
          controller.abort('idle' satisfies AbortWhy);
        }
        // An `id:` without data (a heartbeat passing events this viewer may not see) moves the cursor too.
        if (parser.lastEventId) this.#cursor = parser.lastEventId;
      }
    } catch {
      // The body broke (network trouble) or was aborted: decided below.
    } finally {
      clearTimeout(readyTimer);
      clearTimeout(idleTimer);
      void reader.cancel().catch(() => {});
    }
    if (signal.aborted && signal.reason !== 'idle') return why();
    return ready ? { kind: 'ended', retryMs: parser.retryMs ?? options.retryMs } : { kind: 'failed' };
  }
}
