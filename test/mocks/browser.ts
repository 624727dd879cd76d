/**
 * Starts msw's service worker in the page (tests, Storybook, demos).
 * wtr serves the worker script at /mockServiceWorker.js (web-test-runner.config.mjs).
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import type { HttpHandler } from 'msw';

const WORKER_URL = '/mockServiceWorker.js';
/** How long a page waits for the worker's claim before it reloads itself (see controlledByWorker). */
const CONTROL_TIMEOUT_MS = 10_000;
/** Set in a tab that reloaded itself for want of control: it does so once. */
const RELOADED_KEY = 'case-portal:msw-reloaded';

export async function startMockWorker(handlers: HttpHandler[]): Promise<SetupWorker> {
  await controlledByWorker();
  const worker = setupWorker(...handlers);
  // msw 3 renamed onUnhandledRequest to onUnhandledFrame. "bypass": the test runner's own
  // requests (modules, web sockets) pass through untouched and without warnings.
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass', serviceWorker: { url: WORKER_URL } });
  return worker;
}

/**
 * msw reloads a page that is not controlled while a registration of its worker exists, which is
 * what a page sees while another tab's worker is still installing (wtr runs test files in parallel
 * tabs). A reload interrupts the test file, so first become controlled ourselves: registering
 * returns the existing registration or makes one, and the worker claims every page in scope when it
 * activates.
 *
 * A page whose document was still loading when that claim ran is never claimed (seen in about one
 * run in three, in packages/adapter-rest/src/rest-adapter.test.ts): with still no controller
 * after CONTROL_TIMEOUT_MS, it reloads itself once, as msw would, and a reloaded page is controlled
 * from its first request. npm test runs a file interrupted that way once more on its own.
 */
async function controlledByWorker(): Promise<void> {
  const sw = navigator.serviceWorker;
  if (sw.controller) {
    sessionStorage.removeItem(RELOADED_KEY);
    return;
  }
  const claimed = new Promise<void>((resolve) => sw.addEventListener('controllerchange', () => resolve(), { once: true }));
  await sw.register(WORKER_URL);
  if (sw.controller) return;
  let timer = 0;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = window.setTimeout(() => resolve('timeout'), CONTROL_TIMEOUT_MS);
  });
  const outcome = await Promise.race([claimed, timedOut]);
  clearTimeout(timer);
  if (outcome !== 'timeout') return;
  // Once per tab, whether or not the worker is active yet (one stayed installing past the timeout
  // once, under load): msw itself reloads an uncontrolled page too, and a second time fails for real.
  if (!sessionStorage.getItem(RELOADED_KEY)) {
    sessionStorage.setItem(RELOADED_KEY, '1');
    location.reload();
    return new Promise<never>(() => {});
  }
  throw new Error(`The mock service worker did not control this page within ${CONTROL_TIMEOUT_MS} ms, even after a reload.`);
}

export { createHandlers, createMockApi, DEFAULT_BASE_URL, type MockApi, type MockApiOptions } from './handlers.js';
export { errorHandlers, type FailureOptions } from './failures.js';
