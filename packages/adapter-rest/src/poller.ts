/**
 * Live updates by polling GET /events with conditional requests.
 * One timer per subscription; a hidden page does not poll (no traffic from background tabs) and
 * catches up at once when it becomes visible again.
 */
import { isAbortError, isAdapterError, type AdapterEvent, type SubscribeTarget } from '@case-portal/core';

/** What one poll returned: nothing new (304), or events and the cursor to continue from. */
export type PollResult = { notModified: true } | { notModified: false; events: AdapterEvent[]; cursor: string; etag: string | null };

export type FetchEvents = (
  query: { since: string | null; caseId?: string | undefined },
  etag: string | null,
  signal: AbortSignal,
) => Promise<PollResult>;

const MAX_BACKOFF_MS = 5 * 60_000;

function pageHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

export function startPolling(
  fetchEvents: FetchEvents,
  target: SubscribeTarget,
  onEvent: (event: AdapterEvent) => void,
  { intervalMs, whenHidden = false }: { intervalMs: number; whenHidden?: boolean },
): () => void {
  const paused = () => !whenHidden && pageHidden();
  let cursor: string | null = null;
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
      const r = await fetchEvents({ since: cursor, caseId: target.caseId }, etag, controller.signal);
      failures = 0;
      if (!r.notModified) {
        // The first answer only establishes where "now" is; events before the subscription are history.
        const first = cursor === null;
        cursor = r.cursor;
        etag = r.etag;
        if (!first) {
          for (const e of r.events) {
            if (stopped) break;
            if (!target.caseId || e.caseId === target.caseId) onEvent(e);
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
