/**
 * Live updates by polling GET /events with conditional requests: the fallback when the server
 * has no event stream (or a proxy keeps it from working), and all there is with `eventStream: false`.
 * One timer per loop; a hidden page does not poll (no traffic from background tabs) and catches up
 * at once when it becomes visible again.
 */
import { isAbortError, isAdapterError, type AdapterEvent } from '@case-portal/core';

/** What one poll returned: nothing new (304), or events and the cursor to continue from. */
export type PollResult =
  | { notModified: true }
  | { notModified: false; events: AdapterEvent[]; cursor: string; etag: string | null; reset?: boolean };

export type FetchEvents = (
  query: { since: string | null; caseId?: string | undefined },
  etag: string | null,
  signal: AbortSignal,
) => Promise<PollResult>;

export interface PollOptions {
  intervalMs: number;
  whenHidden?: boolean;
  /**
   * Go on from this cursor (where an event stream stopped): the first answer's events are
   * delivered. Without one, the first answer only says where "now" is.
   */
  since?: string | null;
  /** Each new cursor, so the adapter can switch back to the stream where polling stopped. */
  onCursor?: (cursor: string) => void;
  /** The server no longer has the events after our cursor: whatever is shown must be reloaded. */
  onReset?: () => void;
}

const MAX_BACKOFF_MS = 5 * 60_000;

export function pageHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

/**
 * Polls until the returned stop function is called. `caseId()` is asked before every request: the
 * server narrows to that case when there is one (the adapter passes it while every listener
 * follows the same case). Every event of an answer goes to `onEvent`; the caller sorts them out.
 */
export function startPolling(fetchEvents: FetchEvents, caseId: () => string | undefined, onEvent: (event: AdapterEvent) => void, options: PollOptions): () => void {
  const { intervalMs, whenHidden = false } = options;
  const paused = () => !whenHidden && pageHidden();
  let cursor: string | null = options.since ?? null;
  let etag: string | null = null;
  let failures = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | null = null;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
  };

  const tick = async () => {
    if (stopped || inFlight) return;
    if (paused()) return; // resumed by the visibilitychange listener
    const controller = new AbortController();
    inFlight = controller;
    let next = intervalMs;
    try {
      const r = await fetchEvents({ since: cursor, caseId: caseId() }, etag, controller.signal);
      failures = 0;
      if (!r.notModified && !stopped) {
        // The first answer only establishes where "now" is; events before the subscription are history.
        const first = cursor === null;
        cursor = r.cursor;
        etag = r.etag;
        options.onCursor?.(r.cursor);
        if (!first && r.reset) options.onReset?.();
        if (!first) {
          for (const e of r.events) {
            if (stopped) break;
            onEvent(e);
          }
        }
      }
    } catch (e) {
      if (stopped || isAbortError(e)) return;
      failures++;
      // Back off on failure so a down or throttling server is not hammered; honour Retry-After.
      next = Math.min(intervalMs * 2 ** failures, MAX_BACKOFF_MS);
      if (isAdapterError(e) && e.retryAfterSeconds !== undefined) next = Math.max(next, e.retryAfterSeconds * 1000);
    } finally {
      if (inFlight === controller) inFlight = null;
    }
    schedule(next);
  };

  const onVisibility = () => {
    if (!paused()) schedule(0);
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
  schedule(0);

  return () => {
    stopped = true;
    clearTimeout(timer);
    inFlight?.abort();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
  };
}
