/**
 * Every call has a deadline: a server that takes the request and never answers must end in a
 * message and a retry, not in "Loading…" for as long as the customer waits.
 */
import { AdapterError, throwIfAborted } from '@case-portal/core';

/**
 * Runs `work` with a signal that aborts when the caller's does or when `ms` have passed. A passed
 * deadline rejects with AdapterError `timeout` at once, even while `work` ignores its signal (a
 * token callback that never returns); the caller's abort stays an AbortError. `ms` of 0 or less,
 * or not finite, means no deadline.
 */
export async function withDeadline<T>(ms: number, signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  throwIfAborted(signal);
  if (!(ms > 0) || !Number.isFinite(ms)) return work(signal ?? new AbortController().signal);
  const inner = new AbortController();
  const onAbort = () => inner.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AdapterError('timeout', { cause: new DOMException(`No answer within ${ms} ms.`, 'TimeoutError') });
      reject(error);
      inner.abort(error.cause);
    }, ms);
  });
  const running = work(inner.signal);
  // Whichever loses the race must not surface as an unhandled rejection.
  running.catch(() => {});
  try {
    return await Promise.race([running, late]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
