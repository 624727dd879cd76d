/**
 * Waiting, for tests and for stories' play functions alike: plain DOM and timers, no test library
 * (Storybook has no @open-wc/testing).
 */

/** A promise with its resolve and reject in hand. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface WaitOptions {
  timeout?: number;
  interval?: number;
}

/** Resolves with `condition()`'s value once it is truthy; rejects with `message` after `timeout` ms. */
export async function waitFor<T>(condition: () => T | null | undefined | false, message: string, { timeout = 5000, interval = 50 }: WaitOptions = {}): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out after ${timeout} ms: ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The first match of `selector` in the shadow root of the `host` element inside `root`, once it is shown. */
export function untilShown<T extends HTMLElement = HTMLElement>(root: ParentNode, host: string, selector: string, options?: WaitOptions): Promise<T> {
  return waitFor(() => root.querySelector(host)?.shadowRoot?.querySelector<T>(selector), `${host} shows ${selector}`, options);
}

/** A <case-list> has loaded what it asked for: its results are no longer busy. */
export function listSettled(list: Element, options: WaitOptions = { timeout: 3000 }): Promise<unknown> {
  return waitFor(() => list.shadowRoot?.querySelector('[part="results"]')?.getAttribute('aria-busy') === 'false', 'the list did not load', options);
}
