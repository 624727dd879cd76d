/** Waiting without a test library (no @open-wc/testing: the suite also runs in Node). */

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves once `condition()` is truthy; rejects with `message` after `timeout` ms. */
export async function waitUntil(
  condition: () => unknown,
  message: string,
  { timeout = 2000, interval = 20 }: { timeout?: number; interval?: number } = {},
): Promise<void> {
  const until = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`Timed out after ${timeout} ms: ${message}`);
    await sleep(interval);
  }
}
